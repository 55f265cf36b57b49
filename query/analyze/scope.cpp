#include "query/analyze/scope.h"

namespace quiver::query::analyze_detail {

bool may_be_boolean(const StaticType& type) {
  return type.kind == TypeKind::kAny || type.kind == TypeKind::kNull ||
         type.kind == TypeKind::kBoolean;
}

bool may_have_properties(const StaticType& type) {
  switch (type.kind) {
    case TypeKind::kBoolean:
    case TypeKind::kInteger:
    case TypeKind::kFloat:
    case TypeKind::kString:
    case TypeKind::kList:
      return false;
    default:
      return true;
  }
}

const VariableInfo* Scope::find(const std::string& name) const {
  auto it = variables_.find(name);
  return it == variables_.end() ? nullptr : &it->second;
}

void Scope::bind(const std::string& name, VariableInfo info) {
  if (variables_.find(name) == variables_.end()) {
    order_.push_back(name);
  }
  variables_[name] = info;
}

std::vector<ScopedVariable> Scope::list() const {
  std::vector<ScopedVariable> out;
  for (const auto& name : order_) {
    out.push_back({name, variables_.at(name).kind});
  }
  return out;
}

StaticType type_of_kind(VariableKind kind) {
  switch (kind) {
    case VariableKind::kNode:
      return {TypeKind::kNode};
    case VariableKind::kRelationship:
      return {TypeKind::kRelationship};
    case VariableKind::kRelationshipList:
      return {TypeKind::kList, TypeKind::kRelationship};
    case VariableKind::kPath:
      return {TypeKind::kPath};
    case VariableKind::kValue:
      return {};
  }
  return {};
}

}  // namespace quiver::query::analyze_detail
