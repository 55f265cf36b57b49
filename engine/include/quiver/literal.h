#pragma once

// Turning text a person typed into a parameter value.

#include <string>
#include <string_view>

#include "quiver/error.h"

namespace quiver {

// The statement `RETURN <text> AS value`, once TEXT is known to be exactly one Cypher
// expression: tools that take parameter values as Cypher text (`quiver --param`, `:param`) run
// it and read the single row's single column. Text that would add to the statement (another
// projection item, ORDER BY, SKIP, LIMIT, UNION, a further clause) is refused, so a value can
// neither change data nor come back as anything but one row. Returns a SyntaxError (detail
// UnexpectedSyntax for text that does not parse, NotAnExpression for text that parses as more
// than one expression) with the parser's position and caret. Never throws; thread-safe.
Outcome<std::string> parameter_value_query(std::string_view text);

}  // namespace quiver
