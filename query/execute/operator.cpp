#include "query/execute/operator.h"

namespace quiver::query {

bool Operator::pull(Batch& out) {
  auto start = std::chrono::steady_clock::now();
  bool got = false;
  do {
    if (interrupt_ != nullptr)
      interrupt_->checkpoint();
    out.reset(schema_.size());
    got = next(out);
  } while (got && out.size == 0);
  time_ += std::chrono::steady_clock::now() - start;
  if (got)
    rows_ += static_cast<int64_t>(out.size);
  return got;
}

std::vector<const Operator*> Operator::children() const {
  std::vector<const Operator*> out;
  for (const auto& c : children_)
    out.push_back(c.get());
  return out;
}

bool ArgumentOp::next(Batch& out) {
  if (done_)
    return false;
  done_ = true;
  for (const auto& row : rows_to_emit_) {
    std::vector<Value> padded = row;
    padded.resize(schema_.size());
    out.append(padded);
  }
  return out.size > 0;
}

std::vector<std::vector<Value>> drain(Operator& child, ExecContext& ctx) {
  std::vector<std::vector<Value>> rows;
  Batch batch;
  while (child.pull(batch)) {
    for (size_t r = 0; r < batch.size; ++r) {
      rows.push_back(batch.row(r));
      size_t bytes = 0;
      for (const Value& v : rows.back())
        bytes += approximate_size(v);
      ctx.charge(bytes);
    }
  }
  return rows;
}

}  // namespace quiver::query
