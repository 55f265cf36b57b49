#include "query/parse/ast_builder.h"

#include "query/parse/literals.h"

namespace quiver::query::parse_detail {

std::vector<ast::PatternPart> AstBuilder::pattern(CypherParser::PatternContext* ctx) {
  std::vector<ast::PatternPart> out;
  for (auto* part : ctx->patternPart()) {
    out.push_back(pattern_part(part));
  }
  return out;
}

ast::PatternPart AstBuilder::pattern_part(CypherParser::PatternPartContext* ctx) {
  ast::PatternPart out;
  out.pos = pos(ctx);
  if (ctx->variable() != nullptr) {
    out.path_variable = name(ctx->variable());
  }
  auto* anonymous = ctx->anonymousPatternPart();
  if (anonymous->SHORTESTPATH() != nullptr) {
    out.selector = ast::PathSelector::kShortest;
  } else if (anonymous->ALLSHORTESTPATHS() != nullptr) {
    out.selector = ast::PathSelector::kAllShortest;
  }
  out.element = pattern_element(anonymous->patternElement());
  return out;
}

ast::PatternElement AstBuilder::pattern_element(CypherParser::PatternElementContext* ctx) {
  // `((a)-->(b))`: redundant parentheses around a whole element.
  while (ctx->patternElement() != nullptr) {
    ctx = ctx->patternElement();
  }
  ast::PatternElement out;
  out.pos = pos(ctx);
  out.nodes.push_back(node_pattern(ctx->nodePattern()));
  for (auto* chain : ctx->patternElementChain()) {
    out.relationships.push_back(relationship_pattern(chain->relationshipPattern()));
    out.nodes.push_back(node_pattern(chain->nodePattern()));
  }
  return out;
}

ast::PatternElement AstBuilder::relationships_pattern(
    CypherParser::RelationshipsPatternContext* ctx) {
  ast::PatternElement out;
  out.pos = pos(ctx);
  out.nodes.push_back(node_pattern(ctx->nodePattern()));
  for (auto* chain : ctx->patternElementChain()) {
    out.relationships.push_back(relationship_pattern(chain->relationshipPattern()));
    out.nodes.push_back(node_pattern(chain->nodePattern()));
  }
  return out;
}

namespace {

ast::ExprPtr pattern_properties(AstBuilder& builder, CypherParser::PropertiesContext* ctx) {
  if (ctx == nullptr) {
    return {};
  }
  if (ctx->mapLiteral() != nullptr) {
    return builder.map_literal(ctx->mapLiteral());
  }
  return builder.parameter(ctx->parameter());
}

int64_t range_bound(AstBuilder& builder, CypherParser::RangeBoundContext* ctx) {
  if (ctx->DASH() != nullptr) {
    builder.fail(AstBuilder::pos(ctx), "InvalidRelationshipPattern",
                 "a variable-length bound cannot be negative");
  }
  std::optional<uint64_t> value = integer_magnitude(ctx->DECIMAL_INTEGER()->getText());
  if (!value || *value > static_cast<uint64_t>(INT64_MAX)) {
    builder.fail(AstBuilder::pos(ctx), "IntegerOverflow", "path length bound is too large");
  }
  return static_cast<int64_t>(*value);
}

}  // namespace

ast::NodePattern AstBuilder::node_pattern(CypherParser::NodePatternContext* ctx) {
  ast::NodePattern out;
  out.pos = pos(ctx);
  if (ctx->variable() != nullptr) {
    out.variable = name(ctx->variable());
  }
  if (ctx->nodeLabels() != nullptr) {
    out.labels = labels(ctx->nodeLabels());
  }
  out.properties = pattern_properties(*this, ctx->properties());
  return out;
}

ast::RelationshipPattern AstBuilder::relationship_pattern(
    CypherParser::RelationshipPatternContext* ctx) {
  ast::RelationshipPattern out;
  out.pos = pos(ctx);
  bool left = ctx->LT() != nullptr;
  bool right = ctx->GT() != nullptr;
  out.direction = left == right ? ast::Direction::kBoth
                  : right       ? ast::Direction::kLeftToRight
                                : ast::Direction::kRightToLeft;

  auto* detail = ctx->relationshipDetail();
  if (detail == nullptr) {
    return out;
  }
  if (detail->variable() != nullptr) {
    out.variable = name(detail->variable());
  }
  if (auto* types = detail->relationshipTypes()) {
    for (auto* type : types->schemaName()) {
      out.types.push_back(name(type));
    }
  }
  if (auto* range = detail->rangeLiteral()) {
    if (range->STAR() == nullptr) {
      fail(pos(range), "InvalidRelationshipPattern", "a variable-length range needs a '*'");
    }
    ast::VarLength length;
    auto bounds = range->rangeBound();
    if (range->RANGE() == nullptr) {
      if (!bounds.empty()) {
        length.min = length.max = range_bound(*this, bounds[0]);
      }
    } else {
      size_t range_index = range->RANGE()->getSymbol()->getTokenIndex();
      for (auto* bound : bounds) {
        bool before = bound->getStart()->getTokenIndex() < range_index;
        (before ? length.min : length.max) = range_bound(*this, bound);
      }
    }
    out.length = length;
  }
  out.properties = pattern_properties(*this, detail->properties());
  return out;
}

}  // namespace quiver::query::parse_detail
