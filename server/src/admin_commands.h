#pragma once

// User management statements, answered by the server rather than the engine:
//   CREATE USER name SET PASSWORD 'secret' [ROLE role]
//   ALTER USER name SET PASSWORD 'secret' [ROLE role]
//   ALTER USER name SET ROLE role
//   DROP USER name
//   SHOW USERS
//   GRANT ROLE role TO name
// Keywords are case-insensitive; a password may also be a parameter ($name); a trailing ';' is
// allowed.

#include <optional>
#include <string>
#include <string_view>

#include "quiver/database.h"
#include "server/src/user_store.h"

namespace quiver::server {

struct AdminCommand {
  enum class Kind { kCreateUser, kAlterUser, kDropUser, kShowUsers, kGrantRole };
  Kind kind = Kind::kShowUsers;
  std::string user;
  std::optional<std::string> password;
  std::optional<Role> role;
};

// The command QUERY spells, or nullopt when QUERY does not begin with one of the keyword pairs
// above (it is then Cypher for the engine). Throws quiver::Error (SyntaxError/InvalidSyntax, or
// ParameterMissing) when it begins like a command but is malformed. Pure; any thread.
std::optional<AdminCommand> parse_admin_command(std::string_view query, const Params& params);

// Applies COMMAND to USERS. SHOW USERS returns columns `user` and `role`, one row per user;
// the other commands return no rows. Throws quiver::Error (ArgumentError/InvalidArgument) for
// an unknown or taken name, an empty password or a change that would leave no admin.
Result execute_admin_command(const AdminCommand& command, UserStore& users);

}  // namespace quiver::server
