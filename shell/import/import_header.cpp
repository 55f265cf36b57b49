#include "shell/import/import_header.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace quiver::shell {

namespace {

std::string lower(std::string s) {
  for (char& c : s) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s;
}

ScalarType parse_type(const std::string& spelled, const std::string& column, bool& is_list) {
  std::string t = lower(spelled);
  is_list = t.size() > 2 && t.compare(t.size() - 2, 2, "[]") == 0;
  if (is_list) {
    t.resize(t.size() - 2);
  }
  if (t == "string") {
    return ScalarType::kString;
  }
  if (t == "int" || t == "long" || t == "integer" || t == "short" || t == "byte") {
    return ScalarType::kInt;
  }
  if (t == "float" || t == "double") {
    return ScalarType::kFloat;
  }
  if (t == "boolean" || t == "bool") {
    return ScalarType::kBool;
  }
  throw std::runtime_error("header column '" + column + "': unknown type '" + spelled +
                           "' (string, int, long, float, double, boolean, each with [] for lists)");
}

// Splits "ID(Movie)" into role keyword and the space in parentheses.
bool special(const std::string& spec, const std::string& keyword, std::string& space) {
  std::string upper_spec = spec;
  for (char& c : upper_spec) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (upper_spec == keyword) {
    space.clear();
    return true;
  }
  if (upper_spec.rfind(keyword + "(", 0) == 0 && spec.back() == ')') {
    space = spec.substr(keyword.size() + 1, spec.size() - keyword.size() - 2);
    return true;
  }
  return false;
}

}  // namespace

Header parse_header(const std::vector<std::string>& fields, bool relationships,
                    bool has_default_type) {
  Header header;
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string& text = fields[i];
    size_t colon = text.find(':');
    Column column;
    column.name = text.substr(0, colon);
    std::string rest = colon == std::string::npos ? "" : text.substr(colon + 1);
    std::string spec = rest.substr(0, rest.find(':'));
    std::string after = rest.find(':') == std::string::npos ? "" : rest.substr(rest.find(':') + 1);
    std::string space;

    auto claim = [&](int& slot, const char* what) {
      if (slot >= 0) {
        throw std::runtime_error(std::string("header: more than one ") + what + " column");
      }
      slot = static_cast<int>(i);
    };

    if (colon == std::string::npos) {
      column.role = ColumnRole::kProperty;
    } else if (special(spec, "ID", space)) {
      column.role = ColumnRole::kId;
      column.id_space = space;
      column.store_id = !column.name.empty();
      if (!after.empty()) {
        column.type = parse_type(after, text, column.is_list);
      }
      claim(header.id_column, ":ID");
    } else if (special(spec, "START_ID", space)) {
      column.role = ColumnRole::kStartId;
      column.id_space = space;
      claim(header.start_column, ":START_ID");
    } else if (special(spec, "END_ID", space)) {
      column.role = ColumnRole::kEndId;
      column.id_space = space;
      claim(header.end_column, ":END_ID");
    } else if (lower(spec) == "label") {
      column.role = ColumnRole::kLabel;
      claim(header.label_column, ":LABEL");
    } else if (lower(spec) == "type") {
      column.role = ColumnRole::kType;
      claim(header.type_column, ":TYPE");
    } else if (lower(spec) == "ignore") {
      column.role = ColumnRole::kIgnore;
    } else {
      column.role = ColumnRole::kProperty;
      column.type = parse_type(rest, text, column.is_list);
    }
    if (column.role == ColumnRole::kProperty && column.name.empty()) {
      throw std::runtime_error("header column " + std::to_string(i + 1) + " ('" + text +
                               "') has no property name");
    }
    header.columns.push_back(std::move(column));
  }

  if (relationships) {
    if (header.start_column < 0 || header.end_column < 0) {
      throw std::runtime_error("header: a relationship file needs :START_ID and :END_ID columns");
    }
    if (header.type_column < 0 && !has_default_type) {
      throw std::runtime_error(
          "header: a relationship file needs a :TYPE column or a type given with "
          "--relationships=TYPE=FILE");
    }
    if (header.id_column >= 0 || header.label_column >= 0) {
      throw std::runtime_error("header: :ID and :LABEL belong in node files");
    }
  } else if (header.start_column >= 0 || header.end_column >= 0 || header.type_column >= 0) {
    throw std::runtime_error("header: :START_ID, :END_ID and :TYPE belong in relationship files");
  }
  return header;
}

namespace {

Value convert_scalar(ScalarType type, const std::string& text) {
  switch (type) {
    case ScalarType::kString:
      return Value(text);
    case ScalarType::kInt: {
      int64_t v = 0;
      const char* end = text.data() + text.size();
      auto [ptr, ec] = std::from_chars(text.data(), end, v);
      if (ec == std::errc::result_out_of_range) {
        throw std::runtime_error("'" + text + "' is out of the 64-bit integer range");
      }
      if (ec != std::errc() || ptr != end || text.empty()) {
        throw std::runtime_error("'" + text + "' is not an integer");
      }
      return Value(v);
    }
    case ScalarType::kFloat: {
      if (text.empty()) {
        throw std::runtime_error("an empty text is not a number");
      }
      char* end = nullptr;
      errno = 0;
      double v = std::strtod(text.c_str(), &end);
      if (end != text.c_str() + text.size()) {
        throw std::runtime_error("'" + text + "' is not a number");
      }
      return Value(v);
    }
    case ScalarType::kBool: {
      std::string t = lower(text);
      if (t == "true") {
        return Value(true);
      }
      if (t == "false") {
        return Value(false);
      }
      throw std::runtime_error("'" + text + "' is not a boolean (true or false)");
    }
  }
  return Value();
}

}  // namespace

Value convert_field(const Column& column, const std::string& text, char array_delimiter) {
  if (!column.is_list) {
    return convert_scalar(column.type, text);
  }
  List list;
  if (text.empty()) {
    return Value(std::move(list));
  }
  size_t start = 0;
  for (;;) {
    size_t end = text.find(array_delimiter, start);
    list.push_back(convert_scalar(column.type, text.substr(start, end - start)));
    if (end == std::string::npos) {
      break;
    }
    start = end + 1;
  }
  return Value(std::move(list));
}

}  // namespace quiver::shell
