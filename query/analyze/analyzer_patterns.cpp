#include "query/analyze/analyzer_internal.h"

namespace quiver::query::analyze_detail {

using namespace ast;

namespace {

std::string_view kind_name(VariableKind kind) {
  switch (kind) {
    case VariableKind::kNode:
      return "a node";
    case VariableKind::kRelationship:
      return "a relationship";
    case VariableKind::kRelationshipList:
      return "a relationship list";
    case VariableKind::kPath:
      return "a path";
    case VariableKind::kValue:
      return "a value";
  }
  return "a value";
}

// True when a value variable of this static type could hold a node.
bool could_be_node(const StaticType& t) {
  return t.kind == TypeKind::kAny || t.kind == TypeKind::kNull || t.kind == TypeKind::kNode;
}

bool could_be_relationship(const StaticType& t, bool var_length) {
  if (t.kind == TypeKind::kAny || t.kind == TypeKind::kNull) {
    return true;
  }
  if (var_length) {
    return t.kind == TypeKind::kList &&
           (t.element == TypeKind::kAny || t.element == TypeKind::kRelationship);
  }
  return t.kind == TypeKind::kRelationship;
}

}  // namespace

void Analyzer::bind_match_pattern(const std::vector<PatternPart>& parts, Scope& scope,
                                  bool parameters_allowed) {
  // Relationship variables bound by this pattern: each may appear once.
  std::set<std::string> relationships_here;
  ExprContext ctx;
  ctx.scope = &scope;

  auto properties = [&](const ExprPtr& map, SourcePos at) {
    if (!map) {
      return;
    }
    if (std::holds_alternative<Parameter>(map->node) && !parameters_allowed) {
      fail(at, "InvalidParameterUse", "a parameter cannot be used as a property map in a pattern");
    }
    expr(*map, ctx);
  };

  for (const auto& part : parts) {
    const PatternElement& element = part.element;
    for (size_t i = 0; i < element.nodes.size(); ++i) {
      const NodePattern& node = element.nodes[i];
      properties(node.properties, node.pos);
      if (!node.variable.empty()) {
        const VariableInfo* bound = scope.find(node.variable);
        if (bound == nullptr) {
          scope.bind(node.variable, {VariableKind::kNode, {TypeKind::kNode}});
        } else if (bound->kind != VariableKind::kNode &&
                   !(bound->kind == VariableKind::kValue && could_be_node(bound->type))) {
          fail(
              node.pos, "VariableTypeConflict",
              "'" + node.variable + "' is " + std::string(kind_name(bound->kind)) + ", not a node");
        }
      }
      if (i == element.relationships.size()) {
        break;
      }

      const RelationshipPattern& rel = element.relationships[i];
      properties(rel.properties, rel.pos);
      if (rel.variable.empty()) {
        continue;
      }
      bool var_length = rel.length.has_value();
      const VariableInfo* bound = scope.find(rel.variable);
      if (relationships_here.count(rel.variable) > 0) {
        fail(rel.pos, "RelationshipUniquenessViolation",
             "relationship '" + rel.variable + "' appears twice in one pattern");
      }
      if (bound == nullptr) {
        VariableKind kind =
            var_length ? VariableKind::kRelationshipList : VariableKind::kRelationship;
        scope.bind(rel.variable, {kind, type_of_kind(kind)});
      } else {
        bool fits =
            bound->kind ==
                (var_length ? VariableKind::kRelationshipList : VariableKind::kRelationship) ||
            (bound->kind == VariableKind::kValue && could_be_relationship(bound->type, var_length));
        if (!fits) {
          fail(rel.pos, "VariableTypeConflict",
               "'" + rel.variable + "' is " + std::string(kind_name(bound->kind)) +
                   ", not a relationship");
        }
      }
      relationships_here.insert(rel.variable);
    }

    if (!part.path_variable.empty()) {
      if (scope.contains(part.path_variable)) {
        fail(part.pos, "VariableAlreadyBound",
             "path variable '" + part.path_variable + "' is already bound");
      }
      scope.bind(part.path_variable, {VariableKind::kPath, {TypeKind::kPath}});
    }
  }
}

void Analyzer::check_pattern_predicate(const PatternElement& element, const Scope& scope) {
  // A pattern predicate only tests existing variables; it cannot introduce new ones.
  ExprContext ctx;
  ctx.scope = &scope;
  for (size_t i = 0; i < element.nodes.size(); ++i) {
    const NodePattern& node = element.nodes[i];
    if (!node.variable.empty() && !scope.contains(node.variable)) {
      fail(node.pos, "UndefinedVariable", "variable '" + node.variable + "' is not defined");
    }
    if (node.properties) {
      expr(*node.properties, ctx);
    }
    if (i < element.relationships.size()) {
      const RelationshipPattern& rel = element.relationships[i];
      if (!rel.variable.empty() && !scope.contains(rel.variable)) {
        fail(rel.pos, "UndefinedVariable", "variable '" + rel.variable + "' is not defined");
      }
      if (rel.properties) {
        expr(*rel.properties, ctx);
      }
    }
  }
}

void Analyzer::create(const std::vector<PatternPart>& parts, Scope& scope, bool merge) {
  // Variables bound before this clause may be reused as endpoints, but not redeclared.
  ExprContext ctx;
  ctx.scope = &scope;
  for (const auto& part : parts) {
    const PatternElement& element = part.element;
    bool lone_node = element.relationships.empty();
    for (size_t i = 0; i < element.nodes.size(); ++i) {
      const NodePattern& node = element.nodes[i];
      if (node.properties) {
        if (merge && std::holds_alternative<Parameter>(node.properties->node)) {
          fail(node.pos, "InvalidParameterUse",
               "a parameter cannot be used as a property map in MERGE");
        }
        expr(*node.properties, ctx);
      }
      if (!node.variable.empty()) {
        const VariableInfo* bound = scope.find(node.variable);
        if (bound == nullptr) {
          scope.bind(node.variable, {VariableKind::kNode, {TypeKind::kNode}});
        } else if (bound->kind != VariableKind::kNode &&
                   !(bound->kind == VariableKind::kValue && could_be_node(bound->type))) {
          fail(node.pos, "VariableTypeConflict", "'" + node.variable + "' is not a node");
        } else if (lone_node || !node.labels.empty() || node.properties) {
          fail(node.pos, "VariableAlreadyBound",
               "node '" + node.variable + "' already exists and cannot be created again");
        }
      }
      if (i == element.relationships.size()) {
        break;
      }

      const RelationshipPattern& rel = element.relationships[i];
      if (!rel.variable.empty() && scope.contains(rel.variable)) {
        fail(rel.pos, "VariableAlreadyBound",
             "relationship '" + rel.variable + "' already exists and cannot be created again");
      }
      if (rel.length) {
        fail(rel.pos, "CreatingVarLength", "variable-length relationships cannot be created");
      }
      if (rel.types.size() != 1) {
        fail(rel.pos, "NoSingleRelationshipType",
             "a relationship to create needs exactly one type");
      }
      if (!merge && rel.direction == Direction::kBoth) {
        fail(rel.pos, "RequiresDirectedRelationship", "a relationship to create needs a direction");
      }
      if (rel.properties) {
        if (merge && std::holds_alternative<Parameter>(rel.properties->node)) {
          fail(rel.pos, "InvalidParameterUse",
               "a parameter cannot be used as a property map in MERGE");
        }
        expr(*rel.properties, ctx);
      }
      if (!rel.variable.empty()) {
        scope.bind(rel.variable, {VariableKind::kRelationship, {TypeKind::kRelationship}});
      }
    }
    if (!part.path_variable.empty()) {
      if (scope.contains(part.path_variable)) {
        fail(part.pos, "VariableAlreadyBound",
             "path variable '" + part.path_variable + "' is already bound");
      }
      scope.bind(part.path_variable, {VariableKind::kPath, {TypeKind::kPath}});
    }
  }
}

}  // namespace quiver::query::analyze_detail
