// Parsing of the user-management statements.
#include "server/src/admin_commands.h"

#include <gtest/gtest.h>

namespace quiver::server {
namespace {

TEST(AdminCommands, CreateUserTakesPasswordAndRole) {
  auto command = parse_admin_command("create user ada SET PASSWORD 'it''s' ROLE Editor;", {});
  ASSERT_TRUE(command.has_value());
  EXPECT_EQ(command->kind, AdminCommand::Kind::kCreateUser);
  EXPECT_EQ(command->user, "ada");
  EXPECT_EQ(command->password, "it's");
  EXPECT_EQ(command->role, Role::kEditor);
}

TEST(AdminCommands, PasswordMayBeAParameter) {
  auto command = parse_admin_command("ALTER USER ada SET PASSWORD $pw", {{"pw", "secret"}});
  ASSERT_TRUE(command.has_value());
  EXPECT_EQ(command->password, "secret");
  EXPECT_THROW(parse_admin_command("ALTER USER ada SET PASSWORD $pw", {}), Error);
}

TEST(AdminCommands, GrantShowDropAndAlterRole) {
  EXPECT_EQ(parse_admin_command("GRANT ROLE admin TO ada", {})->role, Role::kAdmin);
  EXPECT_EQ(parse_admin_command("SHOW USERS", {})->kind, AdminCommand::Kind::kShowUsers);
  EXPECT_EQ(parse_admin_command("DROP USER ada", {})->kind, AdminCommand::Kind::kDropUser);
  auto alter = parse_admin_command("ALTER USER ada SET ROLE reader", {});
  EXPECT_EQ(alter->role, Role::kReader);
  EXPECT_FALSE(alter->password.has_value());
}

TEST(AdminCommands, CypherIsLeftToTheEngine) {
  EXPECT_FALSE(parse_admin_command("CREATE (u:User)", {}).has_value());
  EXPECT_FALSE(parse_admin_command("MATCH (n) RETURN n", {}).has_value());
  EXPECT_FALSE(parse_admin_command("SHOW", {}).has_value());
}

TEST(AdminCommands, MalformedCommandsAreSyntaxErrors) {
  for (const char* text : {"CREATE USER", "CREATE USER a SET PASSWORD", "DROP USER a b",
                           "GRANT ROLE boss TO a", "CREATE USER a SET PASSWORD bare"}) {
    try {
      parse_admin_command(text, {});
      ADD_FAILURE() << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.category(), "SyntaxError") << text;
    }
  }
}

}  // namespace
}  // namespace quiver::server
