#pragma once

// Planning of WITH and RETURN: projection or aggregation, DISTINCT, ORDER BY, SKIP, LIMIT and
// the WHERE that follows a WITH.

#include <deque>
#include <string>
#include <vector>

#include "query/execute/operator.h"
#include "query/parse/ast.h"

namespace quiver::query {

// Plans PROJECTION over IN. WHERE (WITH only) filters the projected rows. For RETURN
// (IS_RETURN) COLUMNS receives the result column names. Synthesised expressions go to
// SYNTHETIC.
OperatorPtr plan_projection(ExecContext& ctx, std::deque<ast::Expression>& synthetic,
                            OperatorPtr in, const ast::Projection& projection,
                            const ast::Expression* where, bool is_return,
                            std::vector<std::string>& columns);

}  // namespace quiver::query
