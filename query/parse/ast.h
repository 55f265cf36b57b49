#pragma once

// The abstract syntax tree of a Cypher statement: plain C++ values, no parser types. The parser
// (query/parse/parser.h) builds it, the analyzer (query/analyze/analyzer.h) checks it, the planner
// reads it. Every node carries the position of its first character in the query text.
//
// Conventions:
// - Children are held by value or in a Box (deep-copying owner, see box.h). An empty Box means the
//   syntax left that part out (no WHERE, no ELSE, ...).
// - An empty variable name means an anonymous node, relationship or path.
// - Names (labels, types, keys, variables) are stored unescaped: `a b` is stored as "a b".
// - Every tree is a value: copying a Statement deep-copies it. Trees are not shared between
//   threads while one of them mutates.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "query/parse/box.h"

namespace quiver::query::ast {

// Position of a node's first character: 1-based line, 1-based column counted in Unicode code
// points. {0, 0} marks a node the parser synthesised.
struct SourcePos {
  uint32_t line = 0;
  uint32_t column = 0;

  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

struct Expression;
using ExprPtr = Box<Expression>;

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

// `null`.
struct NullLiteral {};

// `true` / `false`.
struct BoolLiteral {
  bool value = false;
};

// Decimal, hexadecimal (0x) or octal (0o) integer; always in range (the parser rejects the rest).
struct IntegerLiteral {
  int64_t value = 0;
};

// Floating-point literal; always finite (the parser rejects overflow).
struct FloatLiteral {
  double value = 0.0;
};

// String literal, escapes already resolved; UTF-8.
struct StringLiteral {
  std::string value;
};

// `[e1, e2, ...]`.
struct ListLiteral {
  std::vector<ExprPtr> items;
};

// `{k1: e1, k2: e2}`; keys in source order, duplicates kept as written.
struct MapLiteral {
  std::vector<std::pair<std::string, ExprPtr>> entries;
};

// `$name` or `$0`: the name without the dollar sign.
struct Parameter {
  std::string name;
};

// A reference to a variable.
struct Variable {
  std::string name;
};

// `subject.key`.
struct PropertyAccess {
  ExprPtr subject;
  std::string key;
};

// `subject[index]`: list index or dynamic map/property key.
struct Subscript {
  ExprPtr subject;
  ExprPtr index;
};

// `subject[from..to]`; either bound may be empty.
struct Slice {
  ExprPtr subject;
  ExprPtr from;
  ExprPtr to;
};

enum class UnaryOp { kNot, kMinus, kPlus };

struct Unary {
  UnaryOp op = UnaryOp::kNot;
  ExprPtr operand;
};

// Binary operators. A chain `a < b <= c` is parsed as `a < b AND b <= c`, the middle operand
// copied; the copies share its position.
enum class BinaryOp {
  kOr,
  kXor,
  kAnd,
  kEqual,
  kNotEqual,
  kLess,
  kGreater,
  kLessEqual,
  kGreaterEqual,
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kModulo,
  kPower,
  kIn,
  kStartsWith,
  kEndsWith,
  kContains,
  kRegexMatch,
};

struct Binary {
  BinaryOp op = BinaryOp::kOr;
  ExprPtr lhs;
  ExprPtr rhs;
};

// `operand IS NULL` / `operand IS NOT NULL`.
struct IsNull {
  ExprPtr operand;
  bool negated = false;
};

// `subject:A:B` (the subject has all the labels, or for a relationship the type).
struct LabelCheck {
  ExprPtr subject;
  std::vector<std::string> labels;
};

// `name(args)`, `ns.name(DISTINCT args)`. `name` is the full dotted name as written
// (case preserved; function lookup is case-insensitive).
struct FunctionCall {
  std::string name;
  bool distinct = false;
  std::vector<ExprPtr> args;
};

// `count(*)`.
struct CountStar {};

// `CASE [subject] WHEN w THEN t ... [ELSE e] END`.
struct CaseAlternative {
  ExprPtr when;
  ExprPtr then;
};

struct CaseExpr {
  ExprPtr subject;  // empty for the generic (searched) form
  std::vector<CaseAlternative> alternatives;
  ExprPtr otherwise;  // ELSE; empty means null
};

// `[variable IN source WHERE filter | projection]`; filter and projection may be empty.
struct ListComprehension {
  std::string variable;
  ExprPtr source;
  ExprPtr filter;
  ExprPtr projection;
};

enum class QuantifierKind { kAll, kAny, kNone, kSingle };

// `all(variable IN source WHERE predicate)` and friends.
struct Quantifier {
  QuantifierKind kind = QuantifierKind::kAll;
  std::string variable;
  ExprPtr source;
  ExprPtr predicate;
};

// `reduce(accumulator = init, variable IN source | step)`.
struct Reduce {
  std::string accumulator;
  ExprPtr init;
  std::string variable;
  ExprPtr source;
  ExprPtr step;
};

struct PatternPart;
struct PatternElement;
struct Query;

// `[p = (a)-->(b) WHERE filter | projection]`; path_variable and filter may be empty.
struct PatternComprehension {
  std::string path_variable;
  Box<PatternElement> pattern;
  ExprPtr filter;
  ExprPtr projection;
};

// A relationship pattern used as a boolean: `WHERE (a)-->(b)`.
struct PatternPredicate {
  Box<PatternElement> pattern;
};

// `EXISTS { pattern [WHERE filter] }` or `EXISTS { full query }`: exactly one of `pattern` (a
// comma-separated pattern, with `filter`) and `query` is set.
struct ExistsSubquery {
  std::vector<PatternPart> pattern;
  ExprPtr filter;
  Box<Query> query;
};

// `v {.key, key: expr, other, .*}`.
enum class MapProjectionKind {
  kProperty,       // .key
  kAllProperties,  // .*
  kLiteral,        // key: value
  kVariable,       // variable (key and value are the variable)
};

struct MapProjectionItem {
  SourcePos pos;
  MapProjectionKind kind = MapProjectionKind::kProperty;
  std::string key;  // property key, entry key or variable name; empty for .*
  ExprPtr value;    // kLiteral only
};

struct MapProjection {
  std::string variable;
  std::vector<MapProjectionItem> items;
};

using ExpressionNode =
    std::variant<NullLiteral, BoolLiteral, IntegerLiteral, FloatLiteral, StringLiteral, ListLiteral,
                 MapLiteral, Parameter, Variable, PropertyAccess, Subscript, Slice, Unary, Binary,
                 IsNull, LabelCheck, FunctionCall, CountStar, CaseExpr, ListComprehension,
                 Quantifier, Reduce, PatternComprehension, PatternPredicate, ExistsSubquery,
                 MapProjection>;

struct Expression {
  SourcePos pos;
  ExpressionNode node;
};

// ---------------------------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------------------------

// `(variable:L1:L2 {props})`; properties is a map literal or a parameter, or empty.
struct NodePattern {
  SourcePos pos;
  std::string variable;
  std::vector<std::string> labels;
  ExprPtr properties;
};

enum class Direction {
  kLeftToRight,  // -->
  kRightToLeft,  // <--
  kBoth,         // -- or <-->
};

// `*`, `*2`, `*1..3`, `*..3`, `*2..`: absent bounds mean 1 (min) and unbounded (max). `*n`
// sets both bounds to n.
struct VarLength {
  std::optional<int64_t> min;
  std::optional<int64_t> max;
};

// `-[variable:T1|T2 *1..3 {props}]->`; an empty `types` means any type.
struct RelationshipPattern {
  SourcePos pos;
  std::string variable;
  std::vector<std::string> types;
  std::optional<VarLength> length;
  ExprPtr properties;
  Direction direction = Direction::kBoth;
};

// A chain node (-rel- node)*: nodes.size() == relationships.size() + 1.
struct PatternElement {
  SourcePos pos;
  std::vector<NodePattern> nodes;
  std::vector<RelationshipPattern> relationships;
};

enum class PathSelector { kAll, kShortest, kAllShortest };

// `[p =] element`, `[p =] shortestPath(element)`, `[p =] allShortestPaths(element)`.
struct PatternPart {
  SourcePos pos;
  std::string path_variable;
  PathSelector selector = PathSelector::kAll;
  PatternElement element;
};

// ---------------------------------------------------------------------------------------------
// Clauses
// ---------------------------------------------------------------------------------------------

// `expression [AS alias]`. `text` is the expression exactly as written (whitespace at its ends
// trimmed); it names the result column when there is no alias.
struct ProjectionItem {
  SourcePos pos;
  ExprPtr expression;
  std::optional<std::string> alias;
  std::string text;

  // The result column name: the alias, or the text as written.
  const std::string& column_name() const { return alias ? *alias : text; }
};

struct SortItem {
  SourcePos pos;
  ExprPtr expression;
  bool descending = false;
};

// Body of RETURN and WITH. `star` is `*` (all variables in scope) followed by `items`.
struct Projection {
  bool distinct = false;
  bool star = false;
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order_by;
  ExprPtr skip;
  ExprPtr limit;
};

struct Match {
  bool optional = false;
  std::vector<PatternPart> pattern;
  ExprPtr where;
};

struct Unwind {
  ExprPtr list;
  std::string variable;
};

// LOAD CSV [WITH HEADERS] FROM source AS variable [FIELDTERMINATOR 'c']: one row per record of
// the file SOURCE names; a list of strings, or a map from header to string WITH HEADERS.
struct LoadCsv {
  bool with_headers = false;
  ExprPtr source;
  std::string variable;
  std::string field_terminator = ",";
};

struct With {
  Projection projection;
  ExprPtr where;
};

struct Return {
  Projection projection;
};

struct Create {
  std::vector<PatternPart> pattern;
};

enum class SetItemKind {
  kProperty,  // target.key = value   (target: a PropertyAccess expression)
  kReplace,   // variable = map
  kMerge,     // variable += map
  kLabels,    // variable:L1:L2
};

struct SetItem {
  SourcePos pos;
  SetItemKind kind = SetItemKind::kProperty;
  ExprPtr target;                   // kProperty: the PropertyAccess; other kinds: a Variable
  ExprPtr value;                    // empty for kLabels
  std::vector<std::string> labels;  // kLabels only
};

struct Set {
  std::vector<SetItem> items;
};

enum class RemoveItemKind { kProperty, kLabels };

struct RemoveItem {
  SourcePos pos;
  RemoveItemKind kind = RemoveItemKind::kProperty;
  ExprPtr target;  // kProperty: the PropertyAccess; kLabels: a Variable
  std::vector<std::string> labels;
};

struct Remove {
  std::vector<RemoveItem> items;
};

struct Delete {
  bool detach = false;
  std::vector<ExprPtr> targets;
};

// `MERGE part [ON CREATE SET ...] [ON MATCH SET ...]`; several ON clauses are concatenated in
// order.
struct Merge {
  PatternPart pattern;
  std::vector<SetItem> on_create;
  std::vector<SetItem> on_match;
};

struct Clause;

// `FOREACH (variable IN list | update clauses)`.
struct Foreach {
  std::string variable;
  ExprPtr list;
  std::vector<Clause> updates;
};

// `YIELD field [AS alias]`.
struct YieldItem {
  SourcePos pos;
  std::string field;
  std::optional<std::string> alias;

  const std::string& output_name() const { return alias ? *alias : field; }
};

// `CALL ns.name(args) [YIELD items [WHERE filter]]`. `args` is empty-optional when the call was
// written without parentheses (arguments then come from parameters of the same names).
// `yield_star` is `YIELD *`. `standalone` is set when the call is the whole query.
struct Call {
  std::string procedure;
  std::optional<std::vector<ExprPtr>> args;
  bool has_yield = false;
  bool yield_star = false;
  std::vector<YieldItem> yield_items;
  ExprPtr where;
  bool standalone = false;
};

using ClauseNode = std::variant<Match, Unwind, LoadCsv, With, Return, Create, Merge, Set, Remove,
                                Delete, Foreach, Call>;

struct Clause {
  SourcePos pos;
  ClauseNode node;
};

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------

// A sequence of clauses between UNIONs.
struct SingleQuery {
  SourcePos pos;
  std::vector<Clause> clauses;
};

// `q1 UNION [ALL] q2 ...`: union_all[i] joins parts[i] and parts[i + 1].
struct Query {
  SourcePos pos;
  std::vector<SingleQuery> parts;
  std::vector<bool> union_all;
};

// `CREATE INDEX [name] [IF NOT EXISTS] FOR (v:Label) ON (v.p1, v.p2)` and the older
// `CREATE INDEX ON :Label(p1, p2)`.
struct CreateIndex {
  std::optional<std::string> name;
  bool if_not_exists = false;
  std::string label;
  std::vector<std::string> properties;
};

// `DROP INDEX name [IF EXISTS]` or `DROP INDEX ON :Label(p1, ...)`.
struct DropIndex {
  std::optional<std::string> name;
  bool if_exists = false;
  std::string label;
  std::vector<std::string> properties;
};

// `CREATE CONSTRAINT [name] [IF NOT EXISTS] FOR (v:Label) REQUIRE v.p IS UNIQUE` and
// `CREATE CONSTRAINT ON (v:Label) ASSERT v.p IS UNIQUE`. Only uniqueness constraints exist.
struct CreateConstraint {
  std::optional<std::string> name;
  bool if_not_exists = false;
  std::string label;
  std::vector<std::string> properties;
};

// `DROP CONSTRAINT name [IF EXISTS]` or `DROP CONSTRAINT ON (v:Label) ASSERT v.p IS UNIQUE`.
struct DropConstraint {
  std::optional<std::string> name;
  bool if_exists = false;
  std::string label;
  std::vector<std::string> properties;
};

struct ShowIndexes {};
struct ShowConstraints {};

using StatementNode = std::variant<Query, CreateIndex, DropIndex, CreateConstraint, DropConstraint,
                                   ShowIndexes, ShowConstraints>;

enum class ExplainMode { kNone, kExplain, kProfile };

// One parsed statement: the root of the tree.
struct Statement {
  SourcePos pos;
  ExplainMode explain = ExplainMode::kNone;
  StatementNode node;
};

}  // namespace quiver::query::ast
