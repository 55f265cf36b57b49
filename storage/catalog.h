// Catalog: interns label, relationship-type and property-key names to small persistent ids.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/result.h"
#include "storage/transaction.h"
#include "storage/types.h"

namespace quiver::storage {

// The three name spaces of the catalog; each has its own ids starting at 1.
enum class NameKind : std::uint8_t { Label = 1, RelType = 2, PropertyKey = 3 };

// Name <-> id mapping stored in the catalog sub-databases. A view over a transaction: cheap to
// build, valid while the transaction is active; same threading rules as the transaction.
// Names are any non-empty byte string up to kMaxNameBytes (UTF-8 expected).
class Catalog {
 public:
  static constexpr std::size_t kMaxNameBytes = 400;

  explicit Catalog(Transaction& txn) : txn_(txn) {}

  // Returns the id of NAME, allocating the next id when it is new (write transaction only).
  // Errors: InvalidArgument (empty or too long), ReadOnly (new name in a read txn), MapFull, Io.
  Result<std::uint32_t> intern(NameKind kind, std::string_view name);

  // Returns the id of NAME without creating it. Errors: NotFound, Io.
  Result<std::uint32_t> lookup(NameKind kind, std::string_view name) const;

  // Returns the name of ID. Errors: NotFound, Io.
  Result<std::string> name(NameKind kind, std::uint32_t id) const;

  // Every (id, name) of KIND in id order.
  Result<std::vector<std::pair<std::uint32_t, std::string>>> list(NameKind kind) const;

  // Shorthands.
  Result<LabelId> label(std::string_view name) { return intern(NameKind::Label, name); }
  Result<RelTypeId> rel_type(std::string_view name) { return intern(NameKind::RelType, name); }
  Result<PropertyKeyId> property_key(std::string_view name) {
    return intern(NameKind::PropertyKey, name);
  }

 private:
  Transaction& txn_;
};

}  // namespace quiver::storage
