# Planner, operators, expression evaluation and built-in functions of quiver_query. Included
# from query/CMakeLists.txt after the quiver_query target is defined.

target_sources(quiver_query PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/execute/value.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/context.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/evaluator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/eval_operators.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/eval_lists.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/pattern_compile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/pattern_match.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/pattern_paths.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/operator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/op_match.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/op_count.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/op_paging.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/op_aggregate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/op_sort.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/op_create.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/op_update.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/op_merge.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/procedures.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/csv_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/file_access.cpp
  ${CMAKE_CURRENT_LIST_DIR}/execute/op_load_csv.cpp
  ${CMAKE_CURRENT_LIST_DIR}/functions/functions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/functions/string_functions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/functions/list_functions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/functions/math_functions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/functions/entity_functions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/functions/conversion_functions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/functions/temporal_functions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/functions/aggregates.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plan/planner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plan/projection_planner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plan/expression_key.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plan/explain.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plan/schema_commands.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plan/plan_cache.cpp
)

# libcsv (Debian libcsv-dev) parses CSV for LOAD CSV and for the bulk importer: quotes, embedded
# newlines, CRLF.
find_library(QUIVER_LIBCSV csv REQUIRED)
target_link_libraries(quiver_query PRIVATE ${QUIVER_LIBCSV})

# g++ 12 at -O3 reports std::variant members of the recursive runtime Value as
# maybe-uninitialized when they are moved: a known false positive of that compiler version.
target_compile_options(quiver_query PRIVATE $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
