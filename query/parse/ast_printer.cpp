#include "query/parse/ast_printer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <string_view>

namespace quiver::query {

namespace {

using namespace ast;

// Words that would be read as keywords if printed bare.
constexpr std::array<std::string_view, 66> kKeywords = {"ALL",         "ALLSHORTESTPATHS",
                                                        "AND",         "ANY",
                                                        "AS",          "ASC",
                                                        "ASCENDING",   "ASSERT",
                                                        "BY",          "CALL",
                                                        "CASE",        "CONSTRAINT",
                                                        "CONSTRAINTS", "CONTAINS",
                                                        "COUNT",       "CREATE",
                                                        "DELETE",      "DESC",
                                                        "DESCENDING",  "DETACH",
                                                        "DISTINCT",    "DROP",
                                                        "ELSE",        "END",
                                                        "ENDS",        "EXISTS",
                                                        "EXPLAIN",     "EXTRACT",
                                                        "FALSE",       "FILTER",
                                                        "FOR",         "FOREACH",
                                                        "IF",          "IN",
                                                        "INDEX",       "INDEXES",
                                                        "IS",          "LIMIT",
                                                        "MATCH",       "MERGE",
                                                        "NONE",        "NOT",
                                                        "NULL",        "ON",
                                                        "OPTIONAL",    "OR",
                                                        "ORDER",       "PROFILE",
                                                        "REDUCE",      "REMOVE",
                                                        "REQUIRE",     "RETURN",
                                                        "SET",         "SHORTESTPATH",
                                                        "SHOW",        "SINGLE",
                                                        "SKIP",        "STARTS",
                                                        "THEN",        "TRUE",
                                                        "UNION",       "UNIQUE",
                                                        "UNWIND",      "WHEN",
                                                        "WHERE",       "WITH"};

bool is_keyword(const std::string& name) {
  std::string upper = name;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return upper == "XOR" || upper == "YIELD" ||
         std::find(kKeywords.begin(), kKeywords.end(), upper) != kKeywords.end();
}

std::string quote_string(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += "\\'";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "'";
}

std::string print_float(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  std::string text = buffer;
  if (text.find_first_of(".eE") == std::string::npos) {
    text += ".0";
  } else if (text.find('.') == std::string::npos) {
    // 1e+20 is a valid float literal, but keep the mantissa explicit for readability.
    size_t e = text.find_first_of("eE");
    text.insert(e, ".0");
  }
  return text;
}

std::string_view binary_op(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return "OR";
    case BinaryOp::kXor:
      return "XOR";
    case BinaryOp::kAnd:
      return "AND";
    case BinaryOp::kEqual:
      return "=";
    case BinaryOp::kNotEqual:
      return "<>";
    case BinaryOp::kLess:
      return "<";
    case BinaryOp::kGreater:
      return ">";
    case BinaryOp::kLessEqual:
      return "<=";
    case BinaryOp::kGreaterEqual:
      return ">=";
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSubtract:
      return "-";
    case BinaryOp::kMultiply:
      return "*";
    case BinaryOp::kDivide:
      return "/";
    case BinaryOp::kModulo:
      return "%";
    case BinaryOp::kPower:
      return "^";
    case BinaryOp::kIn:
      return "IN";
    case BinaryOp::kStartsWith:
      return "STARTS WITH";
    case BinaryOp::kEndsWith:
      return "ENDS WITH";
    case BinaryOp::kContains:
      return "CONTAINS";
    case BinaryOp::kRegexMatch:
      return "=~";
  }
  return "?";
}

class Printer {
 public:
  std::string out;

  void expr(const ExprPtr& e) { expr(*e); }
  void expr(const Expression& e) {
    std::visit([this](const auto& n) { node(n); }, e.node);
  }

  void node(const NullLiteral&) { out += "null"; }
  void node(const BoolLiteral& n) { out += n.value ? "true" : "false"; }
  void node(const IntegerLiteral& n) { out += std::to_string(n.value); }
  void node(const FloatLiteral& n) { out += print_float(n.value); }
  void node(const StringLiteral& n) { out += quote_string(n.value); }
  void node(const ListLiteral& n) {
    out += '[';
    list(n.items);
    out += ']';
  }
  void node(const MapLiteral& n) {
    out += '{';
    for (size_t i = 0; i < n.entries.size(); ++i) {
      out += (i > 0 ? ", " : "") + quote_name(n.entries[i].first) + ": ";
      expr(n.entries[i].second);
    }
    out += '}';
  }
  void node(const Parameter& n) {
    bool numeric = !n.name.empty() && std::all_of(n.name.begin(), n.name.end(), ::isdigit);
    out += "$" + (numeric ? n.name : quote_name(n.name));
  }
  void node(const Variable& n) { out += quote_name(n.name); }
  void node(const PropertyAccess& n) {
    expr(n.subject);
    out += "." + quote_name(n.key);
  }
  void node(const Subscript& n) {
    expr(n.subject);
    out += '[';
    expr(n.index);
    out += ']';
  }
  void node(const Slice& n) {
    expr(n.subject);
    out += '[';
    if (n.from) {
      expr(n.from);
    }
    out += "..";
    if (n.to) {
      expr(n.to);
    }
    out += ']';
  }
  void node(const Unary& n) {
    out += n.op == UnaryOp::kNot ? "(NOT " : n.op == UnaryOp::kMinus ? "(- " : "(+ ";
    expr(n.operand);
    out += ')';
  }
  void node(const Binary& n) {
    out += '(';
    expr(n.lhs);
    out += " ";
    out += binary_op(n.op);
    out += " ";
    expr(n.rhs);
    out += ')';
  }
  void node(const IsNull& n) {
    out += '(';
    expr(n.operand);
    out += n.negated ? " IS NOT NULL)" : " IS NULL)";
  }
  void node(const LabelCheck& n) {
    out += '(';
    expr(n.subject);
    labels(n.labels);
    out += ')';
  }
  void node(const FunctionCall& n) {
    std::string name;
    size_t start = 0;
    while (start <= n.name.size()) {
      size_t dot = n.name.find('.', start);
      std::string part = n.name.substr(start, dot == std::string::npos ? dot : dot - start);
      name += (name.empty() ? "" : ".") + quote_function_part(part);
      if (dot == std::string::npos) {
        break;
      }
      start = dot + 1;
    }
    out += name + "(" + (n.distinct ? "DISTINCT " : "");
    list(n.args);
    out += ')';
  }
  void node(const CountStar&) { out += "count(*)"; }
  void node(const CaseExpr& n) {
    out += "CASE";
    if (n.subject) {
      out += ' ';
      expr(n.subject);
    }
    for (const auto& alt : n.alternatives) {
      out += " WHEN ";
      expr(alt.when);
      out += " THEN ";
      expr(alt.then);
    }
    if (n.otherwise) {
      out += " ELSE ";
      expr(n.otherwise);
    }
    out += " END";
  }
  void node(const ListComprehension& n) {
    out += "[" + quote_name(n.variable) + " IN ";
    expr(n.source);
    if (n.filter) {
      out += " WHERE ";
      expr(n.filter);
    }
    if (n.projection) {
      out += " | ";
      expr(n.projection);
    }
    out += ']';
  }
  void node(const Quantifier& n) {
    static constexpr std::array<std::string_view, 4> kNames = {"all", "any", "none", "single"};
    out += std::string(kNames[static_cast<size_t>(n.kind)]) + "(" + quote_name(n.variable) + " IN ";
    expr(n.source);
    if (n.predicate) {
      out += " WHERE ";
      expr(n.predicate);
    }
    out += ')';
  }
  void node(const Reduce& n) {
    out += "reduce(" + quote_name(n.accumulator) + " = ";
    expr(n.init);
    out += ", " + quote_name(n.variable) + " IN ";
    expr(n.source);
    out += " | ";
    expr(n.step);
    out += ')';
  }
  void node(const PatternComprehension& n) {
    out += '[';
    if (!n.path_variable.empty()) {
      out += quote_name(n.path_variable) + " = ";
    }
    element(*n.pattern);
    if (n.filter) {
      out += " WHERE ";
      expr(n.filter);
    }
    out += " | ";
    expr(n.projection);
    out += ']';
  }
  void node(const PatternPredicate& n) { element(*n.pattern); }
  void node(const ExistsSubquery& n) {
    out += "EXISTS { ";
    if (n.query) {
      query(*n.query);
    } else {
      pattern(n.pattern);
      if (n.filter) {
        out += " WHERE ";
        expr(n.filter);
      }
    }
    out += " }";
  }
  void node(const MapProjection& n) {
    out += quote_name(n.variable) + " {";
    for (size_t i = 0; i < n.items.size(); ++i) {
      const auto& item = n.items[i];
      out += i > 0 ? ", " : "";
      switch (item.kind) {
        case MapProjectionKind::kProperty:
          out += "." + quote_name(item.key);
          break;
        case MapProjectionKind::kAllProperties:
          out += ".*";
          break;
        case MapProjectionKind::kLiteral:
          out += quote_name(item.key) + ": ";
          expr(item.value);
          break;
        case MapProjectionKind::kVariable:
          out += quote_name(item.key);
          break;
      }
    }
    out += '}';
  }

  void list(const std::vector<ExprPtr>& items) {
    for (size_t i = 0; i < items.size(); ++i) {
      out += i > 0 ? ", " : "";
      expr(items[i]);
    }
  }
  void labels(const std::vector<std::string>& names) {
    for (const auto& name : names) {
      out += ":" + quote_name(name);
    }
  }
  static std::string quote_function_part(const std::string& part) {
    // Function names may be keywords (exists, count); only odd characters need quoting.
    bool plain =
        !part.empty() && (std::isalpha(static_cast<unsigned char>(part[0])) != 0 || part[0] == '_');
    for (char c : part) {
      plain = plain && (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_');
    }
    return plain ? part : quote_name(part);
  }

  void node_pattern(const NodePattern& n) {
    out += "(" + (n.variable.empty() ? std::string() : quote_name(n.variable));
    labels(n.labels);
    if (n.properties) {
      out += ' ';
      expr(n.properties);
    }
    out += ')';
  }
  void relationship(const RelationshipPattern& r) {
    out += r.direction == Direction::kRightToLeft ? "<-[" : "-[";
    out += r.variable.empty() ? "" : quote_name(r.variable);
    for (size_t i = 0; i < r.types.size(); ++i) {
      out += (i == 0 ? ":" : "|") + quote_name(r.types[i]);
    }
    if (r.length) {
      out += '*';
      const auto& l = *r.length;
      if (l.min && l.max && *l.min == *l.max) {
        out += std::to_string(*l.min);
      } else if (l.min || l.max) {
        out += (l.min ? std::to_string(*l.min) : "") + ".." + (l.max ? std::to_string(*l.max) : "");
      }
    }
    if (r.properties) {
      out += ' ';
      expr(r.properties);
    }
    out += r.direction == Direction::kLeftToRight ? "]->" : "]-";
  }
  void element(const PatternElement& e) {
    node_pattern(e.nodes[0]);
    for (size_t i = 0; i < e.relationships.size(); ++i) {
      relationship(e.relationships[i]);
      node_pattern(e.nodes[i + 1]);
    }
  }
  void part(const PatternPart& p) {
    if (!p.path_variable.empty()) {
      out += quote_name(p.path_variable) + " = ";
    }
    if (p.selector == PathSelector::kAll) {
      element(p.element);
      return;
    }
    out += p.selector == PathSelector::kShortest ? "shortestPath(" : "allShortestPaths(";
    element(p.element);
    out += ')';
  }
  void pattern(const std::vector<PatternPart>& parts) {
    for (size_t i = 0; i < parts.size(); ++i) {
      out += i > 0 ? ", " : "";
      part(parts[i]);
    }
  }

  void projection(const Projection& p) {
    out += p.distinct ? "DISTINCT " : "";
    out += p.star ? "*" : "";
    for (size_t i = 0; i < p.items.size(); ++i) {
      out += (i > 0 || p.star) ? ", " : "";
      expr(p.items[i].expression);
      if (p.items[i].alias) {
        out += " AS " + quote_name(*p.items[i].alias);
      }
    }
    for (size_t i = 0; i < p.order_by.size(); ++i) {
      out += i == 0 ? " ORDER BY " : ", ";
      expr(p.order_by[i].expression);
      out += p.order_by[i].descending ? " DESC" : "";
    }
    if (p.skip) {
      out += " SKIP ";
      expr(p.skip);
    }
    if (p.limit) {
      out += " LIMIT ";
      expr(p.limit);
    }
  }
  void set_items(const std::vector<SetItem>& items) {
    for (size_t i = 0; i < items.size(); ++i) {
      const auto& item = items[i];
      out += i > 0 ? ", " : "";
      expr(item.target);
      if (item.kind == SetItemKind::kLabels) {
        labels(item.labels);
        continue;
      }
      out += item.kind == SetItemKind::kMerge ? " += " : " = ";
      expr(item.value);
    }
  }
  void where(const ExprPtr& e) {
    if (e) {
      out += " WHERE ";
      expr(e);
    }
  }

  void clause_node(const Match& c) {
    out += c.optional ? "OPTIONAL MATCH " : "MATCH ";
    pattern(c.pattern);
    where(c.where);
  }
  void clause_node(const Unwind& c) {
    out += "UNWIND ";
    expr(c.list);
    out += " AS " + quote_name(c.variable);
  }
  void clause_node(const LoadCsv& c) {
    out += c.with_headers ? "LOAD CSV WITH HEADERS FROM " : "LOAD CSV FROM ";
    expr(c.source);
    out += " AS " + quote_name(c.variable);
    if (c.field_terminator != ",") {
      out += " FIELDTERMINATOR " + quote_string(c.field_terminator);
    }
  }
  void clause_node(const With& c) {
    out += "WITH ";
    projection(c.projection);
    where(c.where);
  }
  void clause_node(const Return& c) {
    out += "RETURN ";
    projection(c.projection);
  }
  void clause_node(const Create& c) {
    out += "CREATE ";
    pattern(c.pattern);
  }
  void clause_node(const Merge& c) {
    out += "MERGE ";
    part(c.pattern);
    if (!c.on_create.empty()) {
      out += " ON CREATE SET ";
      set_items(c.on_create);
    }
    if (!c.on_match.empty()) {
      out += " ON MATCH SET ";
      set_items(c.on_match);
    }
  }
  void clause_node(const Set& c) {
    out += "SET ";
    set_items(c.items);
  }
  void clause_node(const Remove& c) {
    out += "REMOVE ";
    for (size_t i = 0; i < c.items.size(); ++i) {
      out += i > 0 ? ", " : "";
      expr(c.items[i].target);
      if (c.items[i].kind == RemoveItemKind::kLabels) {
        labels(c.items[i].labels);
      }
    }
  }
  void clause_node(const Delete& c) {
    out += c.detach ? "DETACH DELETE " : "DELETE ";
    list(c.targets);
  }
  void clause_node(const Foreach& c) {
    out += "FOREACH (" + quote_name(c.variable) + " IN ";
    expr(c.list);
    out += " |";
    for (const auto& inner : c.updates) {
      out += ' ';
      clause(inner);
    }
    out += ')';
  }
  void clause_node(const Call& c) {
    out += "CALL " + c.procedure;
    if (c.args) {
      out += '(';
      list(*c.args);
      out += ')';
    }
    if (c.has_yield) {
      out += " YIELD ";
      out += c.yield_star ? "*" : "";
      for (size_t i = 0; i < c.yield_items.size(); ++i) {
        const auto& y = c.yield_items[i];
        out += (i > 0 ? ", " : "") + quote_name(y.field);
        out += y.alias ? " AS " + quote_name(*y.alias) : "";
      }
      where(c.where);
    }
  }
  void clause(const Clause& c) {
    std::visit([this](const auto& n) { clause_node(n); }, c.node);
  }
  void query(const Query& q) {
    for (size_t i = 0; i < q.parts.size(); ++i) {
      if (i > 0) {
        out += q.union_all[i - 1] ? " UNION ALL " : " UNION ";
      }
      for (size_t k = 0; k < q.parts[i].clauses.size(); ++k) {
        out += k > 0 ? " " : "";
        clause(q.parts[i].clauses[k]);
      }
    }
  }

  void properties(const std::string& variable, const std::vector<std::string>& keys) {
    for (size_t i = 0; i < keys.size(); ++i) {
      out += (i > 0 ? ", " : "") + variable + "." + quote_name(keys[i]);
    }
  }
  void command(const Query& q) { query(q); }
  void command(const CreateIndex& c) {
    out += "CREATE INDEX " + (c.name ? quote_name(*c.name) + " " : std::string());
    out += c.if_not_exists ? "IF NOT EXISTS " : "";
    out += "FOR (n:" + quote_name(c.label) + ") ON (";
    properties("n", c.properties);
    out += ')';
  }
  void command(const DropIndex& c) {
    if (c.name) {
      out += "DROP INDEX " + quote_name(*c.name) + (c.if_exists ? " IF EXISTS" : "");
      return;
    }
    out += "DROP INDEX ON :" + quote_name(c.label) + "(";
    for (size_t i = 0; i < c.properties.size(); ++i) {
      out += (i > 0 ? ", " : "") + quote_name(c.properties[i]);
    }
    out += ')';
  }
  void command(const CreateConstraint& c) {
    out += "CREATE CONSTRAINT " + (c.name ? quote_name(*c.name) + " " : std::string());
    out += c.if_not_exists ? "IF NOT EXISTS " : "";
    out += "FOR (n:" + quote_name(c.label) + ") REQUIRE (";
    properties("n", c.properties);
    out += ") IS UNIQUE";
  }
  void command(const DropConstraint& c) {
    if (c.name) {
      out += "DROP CONSTRAINT " + quote_name(*c.name) + (c.if_exists ? " IF EXISTS" : "");
      return;
    }
    out += "DROP CONSTRAINT ON (n:" + quote_name(c.label) + ") ASSERT (";
    properties("n", c.properties);
    out += ") IS UNIQUE";
  }
  void command(const ShowIndexes&) { out += "SHOW INDEXES"; }
  void command(const ShowConstraints&) { out += "SHOW CONSTRAINTS"; }
};

}  // namespace

std::string quote_name(const std::string& name) {
  bool plain =
      !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) != 0 || name[0] == '_');
  for (char c : name) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_');
  }
  if (plain && !is_keyword(name)) {
    return name;
  }
  std::string out = "`";
  for (char c : name) {
    out += c == '`' ? "``" : std::string(1, c);
  }
  return out + "`";
}

std::string print_expression(const ast::Expression& expression) {
  Printer printer;
  printer.expr(expression);
  return printer.out;
}

std::string print_statement(const ast::Statement& statement) {
  Printer printer;
  if (statement.explain == ExplainMode::kExplain) {
    printer.out += "EXPLAIN ";
  } else if (statement.explain == ExplainMode::kProfile) {
    printer.out += "PROFILE ";
  }
  std::visit([&printer](const auto& n) { printer.command(n); }, statement.node);
  return printer.out;
}

}  // namespace quiver::query
