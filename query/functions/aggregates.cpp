#include "query/functions/aggregates.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "query/functions/functions.h"

namespace quiver::query {

namespace {

struct ValueHash {
  size_t operator()(const Value& v) const { return value_hash(v); }
};
struct ValueEquivalent {
  bool operator()(const Value& a, const Value& b) const { return order_compare(a, b) == 0; }
};

class CountRows : public Aggregator {
 public:
  void add(ExecContext&, const Value&, const Value&) override { ++n_; }
  Value result() override { return Value(n_); }

 private:
  int64_t n_ = 0;
};

class Count : public Aggregator {
 public:
  void add(ExecContext&, const Value& v, const Value&) override { n_ += v.is_null() ? 0 : 1; }
  Value result() override { return Value(n_); }

 private:
  int64_t n_ = 0;
};

class Sum : public Aggregator {
 public:
  void add(ExecContext&, const Value& v, const Value&) override {
    if (v.is_null())
      return;
    if (!v.is_number())
      argument_type_error("sum", v);
    if (v.is_int() && !is_float_) {
      if (__builtin_add_overflow(int_sum_, v.as_int(), &int_sum_)) {
        throw_runtime(ErrorCategory::kArithmeticError, "IntegerOverflow", "sum() overflows");
      }
      return;
    }
    if (!is_float_) {
      is_float_ = true;
      float_sum_ = static_cast<double>(int_sum_);
    }
    float_sum_ += v.as_number();
  }
  Value result() override { return is_float_ ? Value(float_sum_) : Value(int_sum_); }

 private:
  bool is_float_ = false;
  int64_t int_sum_ = 0;
  double float_sum_ = 0;
};

class Avg : public Aggregator {
 public:
  void add(ExecContext&, const Value& v, const Value&) override {
    if (v.is_null())
      return;
    if (!v.is_number())
      argument_type_error("avg", v);
    sum_ += v.as_number();
    ++n_;
  }
  Value result() override { return n_ == 0 ? Value() : Value(sum_ / static_cast<double>(n_)); }

 private:
  double sum_ = 0;
  int64_t n_ = 0;
};

class Extreme : public Aggregator {
 public:
  explicit Extreme(bool max) : max_(max) {}
  void add(ExecContext&, const Value& v, const Value&) override {
    if (v.is_null())
      return;
    if (best_.is_null()) {
      best_ = v;
      return;
    }
    int c = order_compare(v, best_);
    if (max_ ? c > 0 : c < 0)
      best_ = v;
  }
  Value result() override { return best_; }

 private:
  bool max_;
  Value best_;
};

class Collect : public Aggregator {
 public:
  void add(ExecContext& ctx, const Value& v, const Value&) override {
    if (v.is_null())
      return;
    ctx.charge(approximate_size(v));
    items_.push_back(v);
  }
  Value result() override { return Value(items_); }

 private:
  ValueList items_;
};

class StDev : public Aggregator {
 public:
  explicit StDev(bool population) : population_(population) {}
  void add(ExecContext&, const Value& v, const Value&) override {
    if (v.is_null())
      return;
    if (!v.is_number())
      argument_type_error("stDev", v);
    // Welford's update keeps the variance accurate for large counts.
    double x = v.as_number();
    ++n_;
    double delta = x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (x - mean_);
  }
  Value result() override {
    int64_t d = population_ ? n_ : n_ - 1;
    if (d <= 0)
      return Value(0.0);
    return Value(std::sqrt(m2_ / static_cast<double>(d)));
  }

 private:
  bool population_;
  int64_t n_ = 0;
  double mean_ = 0;
  double m2_ = 0;
};

class Percentile : public Aggregator {
 public:
  explicit Percentile(bool continuous) : continuous_(continuous) {}
  void add(ExecContext& ctx, const Value& v, const Value& p) override {
    if (!p.is_null() && !have_p_) {
      if (!p.is_number())
        argument_type_error("percentile", p);
      percentile_ = p.as_number();
      if (percentile_ < 0 || percentile_ > 1) {
        throw_runtime(ErrorCategory::kArgumentError, "NumberOutOfRange",
                      "the percentile must lie between 0.0 and 1.0");
      }
      have_p_ = true;
    }
    if (v.is_null())
      return;
    if (!v.is_number())
      argument_type_error("percentile", v);
    ctx.charge(sizeof(Value));
    values_.push_back(v);
  }
  Value result() override {
    if (values_.empty())
      return Value();
    std::sort(values_.begin(), values_.end(),
              [](const Value& a, const Value& b) { return a.as_number() < b.as_number(); });
    double n = static_cast<double>(values_.size());
    if (continuous_) {
      double pos = percentile_ * (n - 1);
      size_t lo = static_cast<size_t>(std::floor(pos));
      size_t hi = static_cast<size_t>(std::ceil(pos));
      double frac = pos - static_cast<double>(lo);
      return Value(values_[lo].as_number() +
                   (values_[hi].as_number() - values_[lo].as_number()) * frac);
    }
    double idx = percentile_ == 0 ? 0 : std::ceil(percentile_ * n) - 1;
    return values_[static_cast<size_t>(std::max(0.0, idx))];
  }

 private:
  bool continuous_;
  bool have_p_ = false;
  double percentile_ = 0;
  std::vector<Value> values_;
};

class DistinctFilter : public Aggregator {
 public:
  explicit DistinctFilter(std::unique_ptr<Aggregator> inner) : inner_(std::move(inner)) {}
  void add(ExecContext& ctx, const Value& v, const Value& extra) override {
    if (v.is_null() || !seen_.insert(v).second)
      return;
    ctx.charge(approximate_size(v) + 32);
    inner_->add(ctx, v, extra);
  }
  Value result() override { return inner_->result(); }

 private:
  std::unique_ptr<Aggregator> inner_;
  std::unordered_set<Value, ValueHash, ValueEquivalent> seen_;
};

}  // namespace

std::unique_ptr<Aggregator> make_aggregator(std::string_view name, bool distinct) {
  std::string n = to_lower(name);
  std::unique_ptr<Aggregator> a;
  if (n == "count(*)")
    return std::make_unique<CountRows>();
  if (n == "count")
    a = std::make_unique<Count>();
  if (n == "sum")
    a = std::make_unique<Sum>();
  if (n == "avg")
    a = std::make_unique<Avg>();
  if (n == "min")
    a = std::make_unique<Extreme>(false);
  if (n == "max")
    a = std::make_unique<Extreme>(true);
  if (n == "collect")
    a = std::make_unique<Collect>();
  if (n == "stdev")
    a = std::make_unique<StDev>(false);
  if (n == "stdevp")
    a = std::make_unique<StDev>(true);
  if (n == "percentilecont")
    a = std::make_unique<Percentile>(true);
  if (n == "percentiledisc")
    a = std::make_unique<Percentile>(false);
  if (a && distinct)
    a = std::make_unique<DistinctFilter>(std::move(a));
  return a;
}

}  // namespace quiver::query
