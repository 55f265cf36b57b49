#include "shell/result_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace quiver::shell {

namespace {

// Code points in a UTF-8 string: every byte that is not a continuation byte starts one.
size_t display_width(const std::string& text) {
  size_t width = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++width;
    }
  }
  return width;
}

std::string one_line(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void write_rule(const std::vector<size_t>& widths, std::ostream& out) {
  out << '+';
  for (size_t width : widths) {
    out << std::string(width + 2, '-') << '+';
  }
  out << '\n';
}

void write_cells(const std::vector<std::string>& cells, const std::vector<size_t>& widths,
                 std::ostream& out) {
  out << '|';
  for (size_t i = 0; i < cells.size(); ++i) {
    out << ' ' << cells[i] << std::string(widths[i] - display_width(cells[i]), ' ') << " |";
  }
  out << '\n';
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string out = "\"";
  for (char c : text) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

void write_csv_line(const std::vector<std::string>& fields, std::ostream& out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    out << (i ? "," : "") << csv_field(fields[i]);
  }
  out << "\r\n";
}

nlohmann::json number_to_json(double d) {
  if (std::isnan(d) || std::isinf(d)) {
    return nullptr;
  }
  return d;
}

nlohmann::json map_to_json(const Map& map) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : map) {
    out[key] = to_json(value);
  }
  return out;
}

nlohmann::json node_to_json(const Node& node) {
  return {{"id", node.id}, {"labels", node.labels}, {"properties", map_to_json(node.properties)}};
}

nlohmann::json relationship_to_json(const Relationship& rel) {
  return {{"id", rel.id},
          {"type", rel.type},
          {"start", rel.start},
          {"end", rel.end},
          {"properties", map_to_json(rel.properties)}};
}

// The non-zero counters of COUNTERS, each with its name in the summary line's words.
std::vector<std::pair<std::string, int64_t>> counter_entries(const Counters& c) {
  std::vector<std::pair<std::string, int64_t>> all = {
      {"nodes created", c.nodes_created},
      {"nodes deleted", c.nodes_deleted},
      {"relationships created", c.relationships_created},
      {"relationships deleted", c.relationships_deleted},
      {"properties set", c.properties_set},
      {"labels added", c.labels_added},
      {"labels removed", c.labels_removed},
      {"indexes added", c.indexes_added},
      {"indexes removed", c.indexes_removed},
      {"constraints added", c.constraints_added},
      {"constraints removed", c.constraints_removed},
  };
  std::vector<std::pair<std::string, int64_t>> out;
  for (auto& entry : all) {
    if (entry.second != 0) {
      out.push_back(std::move(entry));
    }
  }
  return out;
}

// "nodes created" for N != 1, "node created" for 1: the first word loses its plural s.
std::string counted(int64_t n, const std::string& words) {
  std::string text = words;
  if (n == 1) {
    size_t space = text.find(' ');
    size_t noun_end = space == std::string::npos ? text.size() : space;
    if (text.compare(0, noun_end, "properties") == 0) {
      text.replace(0, noun_end, "property");
    } else if (text.compare(0, noun_end, "indexes") == 0) {
      text.replace(0, noun_end, "index");
    } else if (noun_end > 0 && text[noun_end - 1] == 's') {
      text.erase(noun_end - 1, 1);
    }
  }
  return std::to_string(n) + " " + text;
}

double milliseconds(std::chrono::microseconds elapsed) {
  return static_cast<double>(elapsed.count()) / 1000.0;
}

}  // namespace

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  if (name == "table") {
    return OutputFormat::kTable;
  }
  if (name == "csv") {
    return OutputFormat::kCsv;
  }
  if (name == "json") {
    return OutputFormat::kJson;
  }
  return std::nullopt;
}

void write_table(const Result& result, std::ostream& out) {
  const std::vector<std::string>& columns = result.columns();
  if (columns.empty()) {
    return;
  }
  std::vector<size_t> widths;
  for (const std::string& column : columns) {
    widths.push_back(display_width(column));
  }
  std::vector<std::vector<std::string>> cells;
  cells.reserve(result.size());
  for (const Record& record : result) {
    std::vector<std::string> row;
    for (size_t i = 0; i < record.size(); ++i) {
      row.push_back(one_line(record[i].to_string()));
      widths[i] = std::max(widths[i], display_width(row.back()));
    }
    cells.push_back(std::move(row));
  }

  write_rule(widths, out);
  write_cells(columns, widths, out);
  write_rule(widths, out);
  for (const auto& row : cells) {
    write_cells(row, widths, out);
  }
  if (!cells.empty()) {
    write_rule(widths, out);
  }
}

void write_csv(const Result& result, std::ostream& out) {
  if (result.columns().empty()) {
    return;
  }
  write_csv_line(result.columns(), out);
  for (const Record& record : result) {
    std::vector<std::string> fields;
    for (const Value& value : record.values()) {
      if (value.is_string()) {
        fields.push_back(value.as_string());
      } else if (value.is_null()) {
        fields.emplace_back();
      } else {
        fields.push_back(value.to_string());
      }
    }
    write_csv_line(fields, out);
  }
}

nlohmann::json to_json(const Value& value) {
  switch (value.kind()) {
    case ValueKind::kNull:
      return nullptr;
    case ValueKind::kBool:
      return value.as_bool();
    case ValueKind::kInt:
      return value.as_int();
    case ValueKind::kDouble:
      return number_to_json(value.as_double());
    case ValueKind::kString:
      return value.as_string();
    case ValueKind::kList: {
      nlohmann::json out = nlohmann::json::array();
      for (const Value& element : value.as_list()) {
        out.push_back(to_json(element));
      }
      return out;
    }
    case ValueKind::kMap:
      return map_to_json(value.as_map());
    case ValueKind::kNode:
      return node_to_json(value.as_node());
    case ValueKind::kRelationship:
      return relationship_to_json(value.as_relationship());
    case ValueKind::kPath: {
      nlohmann::json nodes = nlohmann::json::array();
      nlohmann::json rels = nlohmann::json::array();
      for (const Node& node : value.as_path().nodes) {
        nodes.push_back(node_to_json(node));
      }
      for (const Relationship& rel : value.as_path().relationships) {
        rels.push_back(relationship_to_json(rel));
      }
      return {{"nodes", nodes}, {"relationships", rels}};
    }
    case ValueKind::kFloatVector: {
      nlohmann::json out = nlohmann::json::array();
      for (float f : value.as_float_vector()) {
        out.push_back(number_to_json(f));
      }
      return out;
    }
    case ValueKind::kDate:
    case ValueKind::kLocalTime:
    case ValueKind::kTime:
    case ValueKind::kLocalDateTime:
    case ValueKind::kDateTime:
    case ValueKind::kDuration:
      // JSON has no temporal types: the Cypher text, as a string.
      return value.to_string();
  }
  // Kinds added after this function was written still render, as their Cypher text.
  return value.to_string();
}

void write_json(const Result& result, std::chrono::microseconds elapsed, std::ostream& out) {
  nlohmann::json rows = nlohmann::json::array();
  for (const Record& record : result) {
    nlohmann::json row = nlohmann::json::array();
    for (const Value& value : record.values()) {
      row.push_back(to_json(value));
    }
    rows.push_back(std::move(row));
  }
  nlohmann::json counters = nlohmann::json::object();
  for (const auto& [words, n] : counter_entries(result.summary().counters)) {
    std::string key = words;
    std::replace(key.begin(), key.end(), ' ', '_');
    counters[key] = n;
  }
  nlohmann::json doc = {{"columns", result.columns()},
                        {"rows", std::move(rows)},
                        {"counters", std::move(counters)},
                        {"time_ms", milliseconds(elapsed)}};
  if (!result.summary().plan.empty()) {
    doc["plan"] = result.summary().plan;
  }
  out << doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

std::string summary_line(const Result& result, std::chrono::microseconds elapsed) {
  std::string line = counted(static_cast<int64_t>(result.size()), "rows");
  for (const auto& [words, n] : counter_entries(result.summary().counters)) {
    line += ", " + counted(n, words);
  }
  char time[48];
  std::snprintf(time, sizeof time, " (%.1f ms)", milliseconds(elapsed));
  return line + time;
}

void write_result(const Result& result, OutputFormat format, std::chrono::microseconds elapsed,
                  std::ostream& out) {
  switch (format) {
    case OutputFormat::kTable:
      write_table(result, out);
      if (!result.summary().plan.empty()) {
        out << result.summary().plan;
        if (result.summary().plan.back() != '\n') {
          out << '\n';
        }
      }
      out << summary_line(result, elapsed) << '\n';
      return;
    case OutputFormat::kCsv:
      write_csv(result, out);
      return;
    case OutputFormat::kJson:
      write_json(result, elapsed, out);
      return;
  }
}

}  // namespace quiver::shell
