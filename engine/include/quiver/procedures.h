#pragma once

// Procedures defined by a program through the embedded API: a procedure whose answers are a
// fixed table, declared with its signature. `CALL name(args)` returns the output columns of the
// table rows whose input columns equal the arguments (Cypher equality, an integer argument
// matching a float column of the same value); a procedure without inputs returns every row.
// Test suites use it to declare the procedures a scenario needs; programs may use it for small
// lookup tables.

#include <string>
#include <vector>

#include "quiver/database.h"
#include "quiver/value.h"

namespace quiver {

// One parameter or result field: its name and its type in Cypher's spelling ("INTEGER?",
// "STRING?", "NUMBER?", "FLOAT?", "ANY?", ...; the trailing '?' admits null).
struct ProcedureParameter {
  std::string name;
  std::string type;
};

// A procedure answered from a table.
struct TableProcedure {
  std::string name;                         // dotted name, e.g. "test.my.proc"
  std::vector<ProcedureParameter> inputs;   // in call order
  std::vector<ProcedureParameter> outputs;  // in YIELD order; empty for a void procedure
  std::vector<std::vector<Value>> rows;     // each row: one value per input, then per output
};

// Makes PROCEDURE callable on DB, replacing a procedure of the same name (names compare without
// regard to case). Affects statements started after the call; the registration lives as long as
// DB and is not stored in the database directory. Throws Error (ArgumentError) when a row's
// width is not inputs.size() + outputs.size() or the name is empty. Thread-safe against
// statements running on DB.
void register_table_procedure(Database& db, TableProcedure procedure);

}  // namespace quiver
