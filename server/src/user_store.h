#pragma once

// Users and roles of one database, kept in the file `users` inside the database directory
// (format in docs/protocol.md): one line per user with name, role and an argon2id hash.

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "server/src/config.h"

namespace quiver::server {

// What a user may do: readers read, editors also write data and schema, admins also manage
// users. Ordered: a higher role may do all a lower one may.
enum class Role { kReader = 0, kEditor = 1, kAdmin = 2 };

// "reader", "editor", "admin".
const char* role_name(Role role) noexcept;

// The role named NAME (case-insensitive), or nullopt.
std::optional<Role> parse_role(const std::string& name);

struct UserEntry {
  std::string name;
  Role role = Role::kReader;
  std::string hash;  // libsodium crypto_pwhash_str output (argon2id)
};

// The user table. Thread-safe: every member may be called from any thread. Changes are written
// to the file before the call returns (write to a temporary file, fsync, rename).
class UserStore {
 public:
  // Loads DIR/users, creating it with one admin named "admin" when it is missing or empty and
  // FIRST_ADMIN_PASSWORD is set. Throws std::runtime_error when the file is unreadable or
  // malformed, when libsodium cannot start, or when there are no users and no password.
  UserStore(const std::filesystem::path& dir, PasswordCost cost,
            const std::optional<std::string>& first_admin_password);

  // The role of NAME when PASSWORD is its password, nullopt otherwise. Costs one argon2id
  // verification whether or not the user exists.
  std::optional<Role> authenticate(const std::string& name, const std::string& password) const;

  // User management. Each throws std::invalid_argument with a message for the user when the
  // name is malformed or (create) taken or (others) unknown, and when the change would leave
  // no admin; std::runtime_error when the file cannot be written.
  void create(const std::string& name, const std::string& password, Role role);
  void set_password(const std::string& name, const std::string& password);
  void set_role(const std::string& name, Role role);
  void drop(const std::string& name);

  // Every user, sorted by name (hashes included).
  std::vector<UserEntry> list() const;

 private:
  std::string hash_password(const std::string& password) const;
  void save_locked() const;
  UserEntry* find_locked(const std::string& name);
  void check_admin_remains_locked(const std::string& name, Role new_role) const;

  std::filesystem::path file_;
  PasswordCost cost_;
  std::string dummy_hash_;  // verified against for unknown users, so timing reveals nothing
  mutable std::mutex mutex_;
  std::vector<UserEntry> users_;
};

}  // namespace quiver::server
