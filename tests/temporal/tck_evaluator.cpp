#include "tck_evaluator.h"

#include <cctype>
#include <optional>
#include <stdexcept>

#include "storage/temporal/access.h"
#include "storage/temporal/arithmetic.h"
#include "storage/temporal/compare.h"
#include "storage/temporal/construct.h"
#include "storage/temporal/format.h"

namespace quiver::temporal::tck {
namespace {

using Scope = std::map<std::string, Value>;

// Thrown for syntax or types outside the subset; the scenario is then skipped.
struct Unsupported : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An evaluation error of the library, carried as a value so it can be compared with a cell.
struct Failed {
  TemporalError error;
};

Value value_of(TemporalResult<TemporalValue> result) {
  if (!result) {
    throw Failed{result.error()};
  }
  return Value{*result};
}

const TemporalValue& temporal(const Value& value) {
  const auto* t = std::get_if<TemporalValue>(&value.v);
  if (t == nullptr) {
    throw Unsupported("expected a temporal value");
  }
  return *t;
}

Number number_of(const Value& value) {
  if (const auto* i = std::get_if<int64_t>(&value.v)) {
    return *i;
  }
  if (const auto* d = std::get_if<double>(&value.v)) {
    return *d;
  }
  throw Unsupported("expected a number");
}

ComponentMap component_map(const Value& value) {
  const auto* map = std::get_if<Map>(&value.v);
  if (map == nullptr) {
    throw Unsupported("expected a map");
  }
  ComponentMap out;
  for (const auto& [key, item] : *map) {
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, int64_t> || std::is_same_v<T, double> ||
                        std::is_same_v<T, std::string> || std::is_same_v<T, TemporalValue>) {
            out.set(key, x);
          } else {
            throw Unsupported("map value");
          }
        },
        item.v);
  }
  return out;
}

TemporalContext clock() {
  TemporalContext context;
  context.now_epoch_second = 1'700'000'000;
  context.now_nanosecond = 123'456'789;
  return context;
}

Value call(const std::string& name, const std::vector<Value>& args) {
  for (const Value& arg : args) {
    if (std::holds_alternative<Null>(arg.v)) {
      return Value{Null{}};
    }
  }
  if (name == "toString" && args.size() == 1) {
    return Value{to_string(temporal(args[0]))};
  }
  static const std::map<std::string, TemporalKind> kKinds = {
      {"date", TemporalKind::kDate},         {"localtime", TemporalKind::kLocalTime},
      {"time", TemporalKind::kTime},         {"localdatetime", TemporalKind::kLocalDateTime},
      {"datetime", TemporalKind::kDateTime}, {"duration", TemporalKind::kDuration}};
  const size_t dot = name.find('.');
  const auto kind = kKinds.find(name.substr(0, dot));
  if (kind == kKinds.end()) {
    throw Unsupported("function " + name);
  }
  const std::string member = dot == std::string::npos ? "" : name.substr(dot + 1);
  const TemporalContext context = clock();

  if (member.empty() && args.empty()) {
    return value_of(current_temporal(kind->second, context));
  }
  if (member.empty() && args.size() == 1) {
    if (const auto* s = std::get_if<std::string>(&args[0].v)) {
      return value_of(parse_temporal(kind->second, *s));
    }
    if (const auto* t = std::get_if<TemporalValue>(&args[0].v)) {
      return value_of(convert_temporal(kind->second, *t, context));
    }
    return value_of(make_temporal(kind->second, component_map(args[0]), context));
  }
  if (member == "truncate" && (args.size() == 2 || args.size() == 3)) {
    const ComponentMap overrides = args.size() == 3 ? component_map(args[2]) : ComponentMap{};
    const auto* unit = std::get_if<std::string>(&args[0].v);
    if (unit == nullptr) {
      throw Unsupported("truncate unit");
    }
    return value_of(truncate(kind->second, *unit, temporal(args[1]), overrides, context));
  }
  if (member == "fromepoch" && args.size() == 2) {
    auto value = date_time_from_epoch(std::get<int64_t>(number_of(args[0])),
                                      std::get<int64_t>(number_of(args[1])));
    return value ? Value{TemporalValue{*value}} : throw Failed{value.error()};
  }
  if (member == "fromepochmillis" && args.size() == 1) {
    auto value = date_time_from_epoch_millis(std::get<int64_t>(number_of(args[0])));
    return value ? Value{TemporalValue{*value}} : throw Failed{value.error()};
  }
  static const std::map<std::string, BetweenUnit> kUnits = {{"between", BetweenUnit::kAll},
                                                            {"inMonths", BetweenUnit::kMonths},
                                                            {"inDays", BetweenUnit::kDays},
                                                            {"inSeconds", BetweenUnit::kSeconds}};
  const auto unit = kUnits.find(member);
  if (unit == kUnits.end() || args.size() != 2) {
    throw Unsupported("function " + name);
  }
  auto between = duration_between(temporal(args[0]), temporal(args[1]), unit->second);
  return between ? Value{TemporalValue{*between}} : throw Failed{between.error()};
}

Value property(const Value& owner, const std::string& key) {
  if (std::holds_alternative<Null>(owner.v)) {
    return owner;
  }
  if (const auto* map = std::get_if<Map>(&owner.v)) {
    for (const auto& [name, item] : *map) {
      if (name == key) {
        return item;
      }
    }
    return Value{Null{}};
  }
  auto result = component(temporal(owner), key);
  if (!result) {
    throw Failed{result.error()};
  }
  if (const auto* i = std::get_if<int64_t>(&*result)) {
    return Value{*i};
  }
  return Value{std::get<std::string>(*result)};
}

Value binary(const std::string& op, const Value& a, const Value& b) {
  if (std::holds_alternative<Null>(a.v) || std::holds_alternative<Null>(b.v)) {
    return Value{Null{}};
  }
  if (op == "+") {
    return value_of(plus(temporal(a), temporal(b)));
  }
  if (op == "-") {
    return value_of(minus(temporal(a), temporal(b)));
  }
  if (op == "*") {
    if (std::holds_alternative<TemporalValue>(a.v)) {
      return value_of(times(temporal(a), number_of(b)));
    }
    return value_of(times(temporal(b), number_of(a)));
  }
  if (op == "/") {
    return value_of(divided_by(temporal(a), number_of(b)));
  }
  if (op == "=") {
    return Value{equals(temporal(a), temporal(b))};
  }
  if (op == "<>") {
    return Value{!equals(temporal(a), temporal(b))};
  }
  const auto order = compare(temporal(a), temporal(b));
  if (!order) {
    return Value{Null{}};
  }
  if (op == "<") {
    return Value{*order < 0};
  }
  if (op == "<=") {
    return Value{*order <= 0};
  }
  if (op == ">") {
    return Value{*order > 0};
  }
  return Value{*order >= 0};
}

// Recursive-descent parser that evaluates as it parses.
class Parser {
 public:
  // Keeps references to `text` and `scope`; both must outlive the parser.
  Parser(std::string_view text, const Scope& scope) : text_(text), scope_(scope) {}

  Value parse_all() {
    Value value = comparison();
    skip_space();
    if (pos_ != text_.size()) {
      throw Unsupported("trailing text in " + std::string(text_));
    }
    return value;
  }

  Value comparison() {
    Value left = additive();
    for (const char* op : {"<=", ">=", "<>", "=", "<", ">"}) {
      if (accept(op)) {
        return binary(op, left, additive());
      }
    }
    return left;
  }

 private:
  Value additive() {
    Value left = multiplicative();
    while (true) {
      if (accept("+")) {
        left = binary("+", left, multiplicative());
      } else if (accept("-")) {
        left = binary("-", left, multiplicative());
      } else {
        return left;
      }
    }
  }

  Value multiplicative() {
    Value left = postfix();
    while (true) {
      if (accept("*")) {
        left = binary("*", left, postfix());
      } else if (accept("/")) {
        left = binary("/", left, postfix());
      } else {
        return left;
      }
    }
  }

  Value postfix() {
    Value value = primary();
    while (accept(".")) {
      value = property(value, identifier());
    }
    return value;
  }

  Value primary() {
    skip_space();
    const char c = peek();
    if (c == '\'') {
      const size_t end = text_.find('\'', pos_ + 1);
      if (end == std::string_view::npos) {
        throw Unsupported("unclosed string");
      }
      std::string s(text_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      return Value{s};
    }
    if (c == '{') {
      return map_literal();
    }
    if (c == '(') {
      ++pos_;
      Value inner = comparison();
      expect(")");
      return inner;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '-' && std::isdigit(static_cast<unsigned char>(peek(1))))) {
      return number();
    }
    return name_or_call();
  }

  Value name_or_call() {
    std::string name = identifier();
    if (name.empty()) {
      throw Unsupported("unexpected text in " + std::string(text_));
    }
    if (name == "null") {
      return Value{Null{}};
    }
    if (name == "true" || name == "false") {
      return Value{name == "true"};
    }
    const size_t mark = pos_;
    if (accept(".")) {
      const std::string member = identifier();
      if (accept("(")) {
        return call(name + "." + member, arguments());
      }
      pos_ = mark;
    }
    if (accept("(")) {
      return call(name, arguments());
    }
    const auto bound = scope_.find(name);
    if (bound == scope_.end()) {
      throw Unsupported("unbound variable " + name);
    }
    return bound->second;
  }

  std::vector<Value> arguments() {
    std::vector<Value> args;
    if (accept(")")) {
      return args;
    }
    do {
      args.push_back(comparison());
    } while (accept(","));
    expect(")");
    return args;
  }

  Value map_literal() {
    ++pos_;
    Map map;
    if (accept("}")) {
      return Value{map};
    }
    do {
      const std::string key = identifier();
      expect(":");
      map.emplace_back(key, comparison());
    } while (accept(","));
    expect("}");
    return Value{map};
  }

  Value number() {
    const size_t start = pos_;
    if (peek() == '-') {
      ++pos_;
    }
    bool fractional = false;
    while (std::isdigit(static_cast<unsigned char>(peek())) || peek() == '.') {
      fractional = fractional || peek() == '.';
      ++pos_;
    }
    const std::string literal(text_.substr(start, pos_ - start));
    if (fractional) {
      return Value{std::stod(literal)};
    }
    return Value{int64_t{std::stoll(literal)}};
  }

  char peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  void skip_space() {
    while (std::isspace(static_cast<unsigned char>(peek()))) {
      ++pos_;
    }
  }
  bool accept(std::string_view token) {
    skip_space();
    if (text_.substr(pos_, token.size()) != token) {
      return false;
    }
    pos_ += token.size();
    return true;
  }
  void expect(std::string_view token) {
    if (!accept(token)) {
      throw Unsupported("expected " + std::string(token));
    }
  }
  std::string identifier() {
    skip_space();
    const size_t start = pos_;
    while (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_') {
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string_view text_;
  const Scope& scope_;
  size_t pos_ = 0;
};

std::string trim(std::string_view s) {
  const size_t a = s.find_first_not_of(" \t\r\n");
  const size_t b = s.find_last_not_of(" \t\r\n");
  return a == std::string_view::npos ? "" : std::string(s.substr(a, b - a + 1));
}

// Splits at `separator` outside parentheses, braces and quotes.
std::vector<std::string> split_top(const std::string& text, char separator) {
  std::vector<std::string> out;
  int depth = 0;
  bool quoted = false;
  std::string current;
  for (char c : text) {
    if (c == '\'') {
      quoted = !quoted;
    }
    if (!quoted && (c == '(' || c == '{')) {
      ++depth;
    }
    if (!quoted && (c == ')' || c == '}')) {
      --depth;
    }
    if (!quoted && depth == 0 && c == separator) {
      out.push_back(trim(current));
      current.clear();
      continue;
    }
    current += c;
  }
  out.push_back(trim(current));
  return out;
}

// Splits a query into (keyword, body) clauses at top-level MATCH, WITH, RETURN and CREATE.
std::vector<std::pair<std::string, std::string>> clauses(const std::string& query) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& word : split_top(query, ' ')) {
    if (word.empty()) {
      continue;
    }
    if (word == "MATCH" || word == "WITH" || word == "RETURN" || word == "CREATE") {
      out.emplace_back(word, "");
    } else if (!out.empty()) {
      out.back().second += word + " ";
    } else {
      throw Unsupported("query does not start with a clause");
    }
  }
  return out;
}

// "expr AS name" or "expr" (named by its text).
std::pair<std::string, std::string> projection(const std::string& item) {
  const size_t as = item.rfind(" AS ");
  if (as == std::string::npos) {
    return {item, item};
  }
  return {item.substr(0, as), trim(item.substr(as + 4))};
}

void bind_match(const std::string& body, const Graph& graph, Scope& scope) {
  for (const std::string& pattern : split_top(trim(body), ',')) {
    if (pattern.size() < 4 || pattern.front() != '(' || pattern.back() != ')') {
      throw Unsupported("pattern " + pattern);
    }
    const std::string inner = pattern.substr(1, pattern.size() - 2);
    const size_t colon = inner.find(':');
    if (colon == std::string::npos) {
      throw Unsupported("pattern without label");
    }
    const auto nodes = graph.find(trim(inner.substr(colon + 1)));
    if (nodes == graph.end() || nodes->second.size() != 1) {
      throw Unsupported("pattern not matching exactly one node");
    }
    scope[trim(inner.substr(0, colon))] = Value{nodes->second.front()};
  }
}

std::string quoted(const std::string& text) {
  std::string out(1, '\'');
  out.append(text).push_back('\'');
  return out;
}

std::string error_cell(const TemporalError& error) {
  return std::string("error:") + error_code_name(error.code);
}

}  // namespace

std::string cell_text(const Value& value) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, Null>) {
          return "null";
        } else if constexpr (std::is_same_v<T, bool>) {
          return x ? "true" : "false";
        } else if constexpr (std::is_same_v<T, int64_t>) {
          return std::to_string(x);
        } else if constexpr (std::is_same_v<T, double>) {
          return std::to_string(x);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return quoted(x);
        } else if constexpr (std::is_same_v<T, TemporalValue>) {
          return quoted(to_string(x));
        } else {
          return "{map}";
        }
      },
      value.v);
}

bool run_setup(const std::string& statement, Graph& graph) {
  try {
    for (const auto& [keyword, body] : clauses(statement)) {
      const std::string pattern = trim(body);
      if (keyword != "CREATE" || pattern.rfind("(:", 0) != 0 || pattern.back() != ')') {
        return false;
      }
      const size_t brace = pattern.find('{');
      const std::string label = trim(pattern.substr(2, brace - 2));
      const Scope empty;
      const std::string properties = pattern.substr(brace, pattern.size() - brace - 1);
      Parser parser(properties, empty);
      graph[label].push_back(std::get<Map>(parser.parse_all().v));
    }
    return true;
  } catch (const Unsupported&) {
    return false;
  } catch (const Failed&) {
    return false;
  }
}

std::optional<std::vector<std::string>> run_query(const std::string& query, const Graph& graph) {
  try {
    Scope scope;
    for (const auto& [keyword, body] : clauses(query)) {
      if (keyword == "MATCH") {
        bind_match(body, graph, scope);
        continue;
      }
      if (keyword == "CREATE") {
        return std::nullopt;
      }
      Scope next;
      std::vector<std::string> row;
      for (const std::string& item : split_top(trim(body), ',')) {
        const auto [expression, name] = projection(item);
        std::string cell;
        try {
          Parser parser(expression, scope);
          const Value value = parser.parse_all();
          next[name] = value;
          cell = cell_text(value);
        } catch (const Failed& failed) {
          cell = error_cell(failed.error);
        }
        row.push_back(cell);
      }
      if (keyword == "RETURN") {
        return row;
      }
      scope = next;
    }
    return std::nullopt;
  } catch (const Unsupported&) {
    return std::nullopt;
  }
}

}  // namespace quiver::temporal::tck
