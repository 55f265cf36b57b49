// The typed header row of an import CSV file and the conversion of fields to property values.
//
// Node files:          movieId:ID(Movie):int, title, year:int, genres:string[], :LABEL
// Relationship files:  :START_ID(User), :END_ID(Movie), rating:float, timestamp:long, :TYPE
//
// A column is `name`, `name:type`, or a special column: `:ID(space)` / `name:ID(space)` (the
// node's key within an id space; with a name it is also stored as a property, as a string unless
// a type follows, e.g. `movieId:ID(Movie):int`), `:LABEL` (labels separated by the array
// delimiter), `:START_ID(space)`, `:END_ID(space)`, `:TYPE`, and `:IGNORE` or `name:IGNORE`.
// Types: string (the default), int or long, float or double, boolean, and each of them with []
// for a list split on the array delimiter. An id space name may be omitted (one global space).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "quiver/value.h"

namespace quiver::shell {

enum class ColumnRole { kProperty, kId, kLabel, kStartId, kEndId, kType, kIgnore };
enum class ScalarType { kString, kInt, kFloat, kBool };

struct Column {
  ColumnRole role = ColumnRole::kProperty;
  std::string name;      // property name (empty for special columns without a name)
  std::string id_space;  // for kId, kStartId, kEndId
  ScalarType type = ScalarType::kString;
  bool is_list = false;
  bool store_id = false;  // kId with a name: also a property
};

// The parsed header of one file.
struct Header {
  std::vector<Column> columns;
  int id_column = -1;     // kId
  int label_column = -1;  // kLabel
  int start_column = -1;  // kStartId
  int end_column = -1;    // kEndId
  int type_column = -1;   // kType
};

// Parses the header FIELDS. RELATIONSHIPS selects which special columns are allowed and
// required (a relationship file needs :START_ID and :END_ID, and :TYPE unless a default type is
// given, which HAS_DEFAULT_TYPE says). Throws std::runtime_error with the column and reason.
Header parse_header(const std::vector<std::string>& fields, bool relationships,
                    bool has_default_type);

// Converts TEXT to a value of COLUMN's type; lists are split on ARRAY_DELIMITER. Throws
// std::runtime_error with a reason ("'abc' is not an integer") on a bad value.
Value convert_field(const Column& column, const std::string& text, char array_delimiter);

}  // namespace quiver::shell
