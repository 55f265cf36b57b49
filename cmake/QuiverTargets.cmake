# Helpers that give every Quiver target the same flags and the same layering rules.

# Clang (the fuzzing tree) knows neither -Wshadow=local nor -Wno-restrict. GCC 12 reports a false
# -Wrestrict overlap for `"literal" + std::string` at -O3 (GCC PR 105651).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  set(QUIVER_WARNINGS -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wno-restrict)
else()
  set(QUIVER_WARNINGS -Wall -Wextra -Wpedantic -Wnon-virtual-dtor)
endif()
if(QUIVER_WERROR)
  list(APPEND QUIVER_WARNINGS -Werror)
endif()

if(QUIVER_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Applies Quiver's warning set to a target built from our own sources.
function(quiver_warnings target)
  target_compile_options(${target} PRIVATE ${QUIVER_WARNINGS})
endfunction()

# Makes the top-level folder FOLDER includable as "FOLDER/..." by TARGET and by whatever links
# TARGET, and by nothing else. Each layer gets an include root of its own that holds one link to
# its folder, so a lower layer that includes a header of a higher one fails to compile.
function(quiver_expose_folder target folder)
  set(root ${CMAKE_BINARY_DIR}/include-roots/${folder})
  file(MAKE_DIRECTORY ${root})
  if(NOT EXISTS ${root}/${folder})
    file(CREATE_LINK ${CMAKE_SOURCE_DIR}/${folder} ${root}/${folder} SYMBOLIC)
  endif()
  target_include_directories(${target} PUBLIC ${root})
endfunction()

# quiver_test(NAME SOURCES ... LIBS ...): one gtest executable, its tests registered with ctest.
function(quiver_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  quiver_warnings(${name})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
                       PROPERTIES ENVIRONMENT "QUIVER_SHARED_DIR=${QUIVER_SHARED_DIR}")
endfunction()

# Where the test suites find the shared material (TCK, datasets). Tests may read it; the product
# never does.
get_filename_component(QUIVER_SHARED_DIR_DEFAULT ${CMAKE_SOURCE_DIR}/../shared ABSOLUTE)
set(QUIVER_SHARED_DIR ${QUIVER_SHARED_DIR_DEFAULT} CACHE PATH "Folder holding tck/ and data/")
