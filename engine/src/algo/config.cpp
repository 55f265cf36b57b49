#include "engine/src/algo/config.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <utility>

#include "query/errors.h"
#include "query/execute/context.h"

namespace quiver::algo {

void fail(const std::string& detail, const std::string& message) {
  query::throw_runtime(query::ErrorCategory::kProcedureError, detail, message);
}

void ConfigReader::invalid(const std::string& message) const {
  fail("InvalidConfiguration", procedure_ + ": " + message);
}

const query::Value* ConfigReader::lookup(const std::string& key) {
  known_.insert(key);
  auto it = values_.find(key);
  return it == values_.end() || it->second.is_null() ? nullptr : &it->second;
}

bool ConfigReader::has(const std::string& key) {
  return lookup(key) != nullptr;
}

std::int64_t ConfigReader::integer(const std::string& key, std::int64_t fallback, std::int64_t min,
                                   std::int64_t max) {
  const query::Value* v = lookup(key);
  if (v == nullptr) {
    return fallback;
  }
  if (!v->is_int()) {
    invalid("'" + key + "' must be an integer");
  }
  if (v->as_int() < min || v->as_int() > max) {
    invalid("'" + key + "' must be between " + std::to_string(min) + " and " + std::to_string(max) +
            ", not " + std::to_string(v->as_int()));
  }
  return v->as_int();
}

double ConfigReader::number(const std::string& key, double fallback, double min, double max) {
  const query::Value* v = lookup(key);
  if (v == nullptr) {
    return fallback;
  }
  if (!v->is_number()) {
    invalid("'" + key + "' must be a number");
  }
  double d = v->as_number();
  if (!std::isfinite(d) || d < min || d > max) {
    invalid("'" + key + "' must be between " + std::to_string(min) + " and " + std::to_string(max) +
            ", not " + std::to_string(d));
  }
  return d;
}

bool ConfigReader::boolean(const std::string& key, bool fallback) {
  const query::Value* v = lookup(key);
  if (v == nullptr) {
    return fallback;
  }
  if (!v->is_bool()) {
    invalid("'" + key + "' must be a boolean");
  }
  return v->as_bool();
}

std::string ConfigReader::string(const std::string& key, const std::string& fallback) {
  const query::Value* v = lookup(key);
  if (v == nullptr) {
    return fallback;
  }
  if (!v->is_string()) {
    invalid("'" + key + "' must be a string");
  }
  return v->as_string();
}

std::vector<std::string> ConfigReader::strings(const std::string& key) {
  const query::Value* v = lookup(key);
  if (v == nullptr) {
    return {};
  }
  if (v->is_string()) {
    return {v->as_string()};
  }
  std::vector<std::string> out;
  if (v->is_list()) {
    for (const query::Value& e : v->as_list()) {
      if (!e.is_string()) {
        invalid("'" + key + "' must be a list of strings");
      }
      out.push_back(e.as_string());
    }
    return out;
  }
  invalid("'" + key + "' must be a string or a list of strings");
}

std::vector<double> ConfigReader::numbers(const std::string& key) {
  const query::Value* v = lookup(key);
  if (v == nullptr) {
    return {};
  }
  std::vector<double> out;
  if (v->is_float_vector()) {
    return {v->as_float_vector().begin(), v->as_float_vector().end()};
  }
  if (!v->is_list()) {
    invalid("'" + key + "' must be a list of numbers");
  }
  for (const query::Value& e : v->as_list()) {
    if (!e.is_number() || !std::isfinite(e.as_number())) {
      invalid("'" + key + "' must be a list of finite numbers");
    }
    out.push_back(e.as_number());
  }
  return out;
}

query::Value ConfigReader::raw(const std::string& key) {
  const query::Value* v = lookup(key);
  return v == nullptr ? query::Value() : *v;
}

std::string ConfigReader::choice(const std::string& key, const std::string& fallback,
                                 const std::vector<std::string>& choices) {
  std::string value = string(key, fallback);
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
    std::string list;
    for (const std::string& c : choices) {
      list += (list.empty() ? "" : ", ") + c;
    }
    invalid("'" + key + "' must be one of " + list + ", not '" + value + "'");
  }
  return value;
}

void ConfigReader::finish() const {
  for (const auto& [key, value] : values_) {
    if (known_.count(key) == 0) {
      std::string list;
      for (const std::string& k : known_) {
        list += (list.empty() ? "" : ", ") + k;
      }
      invalid("unknown configuration key '" + key + "' (known: " + list + ")");
    }
  }
}

ProjectionConfig read_projection_config(ConfigReader& config) {
  ProjectionConfig out;
  out.node_labels = config.strings("nodeLabels");
  out.relationship_types = config.strings("relationshipTypes");
  std::string orientation =
      config.choice("orientation", "NATURAL", {"NATURAL", "REVERSE", "UNDIRECTED"});
  out.orientation = orientation == "REVERSE"      ? Orientation::kReverse
                    : orientation == "UNDIRECTED" ? Orientation::kUndirected
                                                  : Orientation::kNatural;
  out.weight_property = config.string("weightProperty", "");
  out.default_weight = config.number("defaultWeight", 1.0, -1e30, 1e30);
  if (out.node_labels.size() > 255) {
    config.invalid("'nodeLabels' takes at most 255 labels");
  }
  return out;
}

void fail_gpu(const gpu::Error& error, const std::string& what) {
  switch (error.code) {
    case gpu::ErrorCode::kOutOfMemory:
      fail("InsufficientMemory", what + ": " + error.message);
    case gpu::ErrorCode::kInvalidArgument:
      fail("InvalidConfiguration", what + ": " + error.message);
    default:
      fail("AlgorithmFailed",
           what + " failed (" + gpu::error_code_name(error.code) + "): " + error.message);
  }
}

void require_fits(const std::string& what, gpu::MemoryEstimate estimate, std::uint64_t extra_bytes,
                  std::optional<std::uint64_t> limit) {
  gpu::MemoryEstimate total = estimate;
  total.device_bytes += extra_bytes;
  if (limit && total.device_bytes + total.result_bytes > *limit) {
    fail("InsufficientMemory",
         what + " needs about " + std::to_string(total.device_bytes + total.result_bytes) +
             " bytes, more than the memoryLimit of " + std::to_string(*limit));
  }
  gpu::Status fits = gpu::check_fits(total);
  if (!fits.ok()) {
    fail_gpu(fits.error(), what);
  }
}

}  // namespace quiver::algo
