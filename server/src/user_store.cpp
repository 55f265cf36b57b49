// The user table: argon2id hashes from libsodium in a small text file beside the database.
#include "server/src/user_store.h"

#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace quiver::server {

namespace {

constexpr const char* kFileHeader = "# quiver users v1";

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 64) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  });
}

std::vector<UserEntry> read_file(const std::filesystem::path& file) {
  std::vector<UserEntry> users;
  std::ifstream in(file);
  if (!in) {
    return users;
  }
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    std::istringstream fields(line);
    UserEntry entry;
    std::string role;
    fields >> entry.name >> role >> entry.hash;
    std::optional<Role> parsed = parse_role(role);
    if (!valid_name(entry.name) || !parsed || entry.hash.empty()) {
      throw std::runtime_error("malformed line in " + file.string());
    }
    entry.role = *parsed;
    users.push_back(std::move(entry));
  }
  return users;
}

}  // namespace

const char* role_name(Role role) noexcept {
  switch (role) {
    case Role::kReader:
      return "reader";
    case Role::kEditor:
      return "editor";
    case Role::kAdmin:
      return "admin";
  }
  return "reader";
}

std::optional<Role> parse_role(const std::string& name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (Role role : {Role::kReader, Role::kEditor, Role::kAdmin}) {
    if (lower == role_name(role)) {
      return role;
    }
  }
  return std::nullopt;
}

UserStore::UserStore(const std::filesystem::path& dir, PasswordCost cost,
                     const std::optional<std::string>& first_admin_password)
    : file_(dir / "users"), cost_(cost) {
  if (sodium_init() < 0) {
    throw std::runtime_error("libsodium failed to initialise");
  }
  users_ = read_file(file_);
  dummy_hash_ = hash_password("not a password of any user");

  if (users_.empty()) {
    if (!first_admin_password || first_admin_password->empty()) {
      throw std::runtime_error(
          "no users yet: give the first admin's password with --admin-password-file FILE or "
          "the environment variable QUIVER_ADMIN_PASSWORD");
    }
    users_.push_back({"admin", Role::kAdmin, hash_password(*first_admin_password)});
    save_locked();
  }
}

std::string UserStore::hash_password(const std::string& password) const {
  unsigned long long ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (cost_ == PasswordCost::kMinimum) {
    ops = crypto_pwhash_OPSLIMIT_MIN;
    mem = crypto_pwhash_MEMLIMIT_MIN;
  } else if (cost_ == PasswordCost::kModerate) {
    ops = crypto_pwhash_OPSLIMIT_MODERATE;
    mem = crypto_pwhash_MEMLIMIT_MODERATE;
  }
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

std::optional<Role> UserStore::authenticate(const std::string& name,
                                            const std::string& password) const {
  std::string hash = dummy_hash_;
  std::optional<Role> role;
  {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(users_.begin(), users_.end(),
                           [&](const UserEntry& u) { return u.name == name; });
    if (it != users_.end()) {
      hash = it->hash;
      role = it->role;
    }
  }
  bool match = crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
  return match ? role : std::nullopt;
}

UserEntry* UserStore::find_locked(const std::string& name) {
  auto it = std::find_if(users_.begin(), users_.end(),
                         [&](const UserEntry& u) { return u.name == name; });
  if (it == users_.end()) {
    throw std::invalid_argument("no user named '" + name + "'");
  }
  return &*it;
}

void UserStore::check_admin_remains_locked(const std::string& name, Role new_role) const {
  if (new_role == Role::kAdmin) {
    return;
  }
  bool other_admin = std::any_of(users_.begin(), users_.end(), [&](const UserEntry& u) {
    return u.role == Role::kAdmin && u.name != name;
  });
  if (!other_admin) {
    throw std::invalid_argument("the last admin cannot be dropped or lose the admin role");
  }
}

void UserStore::create(const std::string& name, const std::string& password, Role role) {
  if (!valid_name(name)) {
    throw std::invalid_argument("a user name has 1 to 64 letters, digits, '_', '-' or '.'");
  }
  if (password.empty()) {
    throw std::invalid_argument("a password must not be empty");
  }
  std::string hash = hash_password(password);
  std::lock_guard lock(mutex_);
  for (const UserEntry& u : users_) {
    if (u.name == name) {
      throw std::invalid_argument("a user named '" + name + "' exists already");
    }
  }
  users_.push_back({name, role, std::move(hash)});
  save_locked();
}

void UserStore::set_password(const std::string& name, const std::string& password) {
  if (password.empty()) {
    throw std::invalid_argument("a password must not be empty");
  }
  std::string hash = hash_password(password);
  std::lock_guard lock(mutex_);
  find_locked(name)->hash = std::move(hash);
  save_locked();
}

void UserStore::set_role(const std::string& name, Role role) {
  std::lock_guard lock(mutex_);
  UserEntry* user = find_locked(name);
  if (user->role == Role::kAdmin) {
    check_admin_remains_locked(name, role);
  }
  user->role = role;
  save_locked();
}

void UserStore::drop(const std::string& name) {
  std::lock_guard lock(mutex_);
  UserEntry* user = find_locked(name);
  if (user->role == Role::kAdmin) {
    check_admin_remains_locked(name, Role::kReader);
  }
  users_.erase(users_.begin() + (user - users_.data()));
  save_locked();
}

std::vector<UserEntry> UserStore::list() const {
  std::lock_guard lock(mutex_);
  std::vector<UserEntry> users = users_;
  std::sort(users.begin(), users.end(),
            [](const UserEntry& a, const UserEntry& b) { return a.name < b.name; });
  return users;
}

void UserStore::save_locked() const {
  std::filesystem::path temp = file_;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << kFileHeader << "\n";
    for (const UserEntry& u : users_) {
      out << u.name << " " << role_name(u.role) << " " << u.hash << "\n";
    }
    out.flush();
    if (!out) {
      throw std::runtime_error("cannot write " + temp.string());
    }
  }

  // The rename is atomic, so a crash leaves either the old or the new table; fsync first so
  // the new one is complete on disk when it becomes visible.
  FILE* f = std::fopen(temp.c_str(), "r");
  if (f != nullptr) {
    ::fsync(fileno(f));
    std::fclose(f);
  }
  std::filesystem::permissions(
      temp, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::filesystem::rename(temp, file_);
}

}  // namespace quiver::server
