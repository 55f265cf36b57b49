#pragma once

// UTF-8 well-formedness, as the parser and the CSV readers (LOAD CSV, bulk import) check it.

#include <cstddef>
#include <optional>
#include <string_view>

namespace quiver::query {

// Length of the UTF-8 sequence starting at TEXT[I] (I < TEXT.size()), or 0 when it is
// malformed: a stray continuation byte, a truncated sequence, an overlong form, a surrogate or
// a value past U+10FFFF. Thread-safe.
size_t utf8_sequence_length(std::string_view text, size_t i);

// Offset of the first byte of TEXT that does not start a well-formed sequence, or nullopt when
// TEXT is entirely UTF-8. Thread-safe.
std::optional<size_t> first_invalid_utf8(std::string_view text);

}  // namespace quiver::query
