// Parsing and running the user-management statements.
#include "server/src/admin_commands.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <vector>

namespace quiver::server {

namespace {

struct Token {
  std::string text;
  bool quoted = false;
};

Error syntax_error(const std::string& message) {
  return Error("SyntaxError", "InvalidSyntax", "compile time", message);
}

std::string upper(const std::string& text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

// Splits QUERY into words and quoted strings ('...' or "...", a doubled or backslashed quote
// inside stands for itself). Throws on an unterminated string.
std::vector<Token> tokenize(std::string_view query) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < query.size()) {
    char c = query[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == ';') {
      ++i;
      continue;
    }
    Token token;
    if (c == '\'' || c == '"') {
      token.quoted = true;
      for (++i;; ++i) {
        if (i >= query.size()) {
          throw syntax_error("unterminated string");
        }
        if (query[i] == '\\' && i + 1 < query.size()) {
          token.text += query[++i];
        } else if (query[i] == c && i + 1 < query.size() && query[i + 1] == c) {
          token.text += c;
          ++i;
        } else if (query[i] == c) {
          ++i;
          break;
        } else {
          token.text += query[i];
        }
      }
    } else {
      while (i < query.size() && !std::isspace(static_cast<unsigned char>(query[i])) &&
             query[i] != ';') {
        token.text += query[i++];
      }
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

class Reader {
 public:
  Reader(std::vector<Token> tokens, const Params& params)
      : tokens_(std::move(tokens)), params_(params) {}

  bool done() const { return pos_ >= tokens_.size(); }

  bool accept(const char* keyword) {
    if (!done() && !tokens_[pos_].quoted && upper(tokens_[pos_].text) == keyword) {
      ++pos_;
      return true;
    }
    return false;
  }

  void expect(const char* keyword) {
    if (!accept(keyword)) {
      throw syntax_error(std::string("expected ") + keyword);
    }
  }

  std::string name() {
    if (done()) {
      throw syntax_error("expected a user name");
    }
    return tokens_[pos_++].text;
  }

  std::string password() {
    if (done()) {
      throw syntax_error("expected a password");
    }
    const Token& token = tokens_[pos_++];
    if (token.quoted) {
      return token.text;
    }
    if (token.text.size() > 1 && token.text[0] == '$') {
      auto it = params_.find(token.text.substr(1));
      if (it == params_.end()) {
        throw Error("ParameterMissing", "MissingParameter", "compile time",
                    "expected a parameter named " + token.text.substr(1));
      }
      if (!it->second.is_string()) {
        throw Error("TypeError", "InvalidArgumentType", "compile time",
                    "a password parameter must be a string");
      }
      return it->second.as_string();
    }
    throw syntax_error("a password is a quoted string or a parameter");
  }

  Role role() {
    if (done()) {
      throw syntax_error("expected a role (reader, editor or admin)");
    }
    std::optional<Role> role = parse_role(tokens_[pos_++].text);
    if (!role) {
      throw syntax_error("unknown role '" + tokens_[pos_ - 1].text + "' (reader, editor or admin)");
    }
    return *role;
  }

  void finish() const {
    if (!done()) {
      throw syntax_error("unexpected '" + tokens_[pos_].text + "'");
    }
  }

 private:
  std::vector<Token> tokens_;
  const Params& params_;
  size_t pos_ = 0;
};

bool starts_like_command(const std::vector<Token>& tokens) {
  if (tokens.size() < 2 || tokens[0].quoted || tokens[1].quoted) {
    return false;
  }
  std::string first = upper(tokens[0].text);
  std::string second = upper(tokens[1].text);
  return ((first == "CREATE" || first == "ALTER" || first == "DROP") && second == "USER") ||
         (first == "SHOW" && second == "USERS") || (first == "GRANT" && second == "ROLE");
}

// SET PASSWORD p [ROLE r] | SET ROLE r, after ALTER USER name.
void parse_alter_settings(Reader& in, AdminCommand& command) {
  in.expect("SET");
  if (in.accept("ROLE")) {
    command.role = in.role();
    return;
  }
  in.expect("PASSWORD");
  command.password = in.password();
  if (in.accept("ROLE")) {
    command.role = in.role();
  }
}

}  // namespace

std::optional<AdminCommand> parse_admin_command(std::string_view query, const Params& params) {
  std::vector<Token> tokens;
  try {
    tokens = tokenize(query);
  } catch (const Error&) {
    return std::nullopt;  // not ours; the engine reports its own syntax error
  }
  if (!starts_like_command(tokens)) {
    return std::nullopt;
  }

  Reader in(std::move(tokens), params);
  AdminCommand command;
  if (in.accept("CREATE")) {
    in.expect("USER");
    command.kind = AdminCommand::Kind::kCreateUser;
    command.user = in.name();
    in.expect("SET");
    in.expect("PASSWORD");
    command.password = in.password();
    command.role = in.accept("ROLE") ? in.role() : Role::kReader;
  } else if (in.accept("ALTER")) {
    in.expect("USER");
    command.kind = AdminCommand::Kind::kAlterUser;
    command.user = in.name();
    parse_alter_settings(in, command);
  } else if (in.accept("DROP")) {
    in.expect("USER");
    command.kind = AdminCommand::Kind::kDropUser;
    command.user = in.name();
  } else if (in.accept("SHOW")) {
    in.expect("USERS");
    command.kind = AdminCommand::Kind::kShowUsers;
  } else {
    in.expect("GRANT");
    in.expect("ROLE");
    command.kind = AdminCommand::Kind::kGrantRole;
    command.role = in.role();
    in.expect("TO");
    command.user = in.name();
  }
  in.finish();
  return command;
}

Result execute_admin_command(const AdminCommand& command, UserStore& users) {
  try {
    switch (command.kind) {
      case AdminCommand::Kind::kCreateUser:
        users.create(command.user, command.password.value_or(""),
                     command.role.value_or(Role::kReader));
        break;
      case AdminCommand::Kind::kAlterUser:
      case AdminCommand::Kind::kGrantRole:
        if (command.password) {
          users.set_password(command.user, *command.password);
        }
        if (command.role) {
          users.set_role(command.user, *command.role);
        }
        break;
      case AdminCommand::Kind::kDropUser:
        users.drop(command.user);
        break;
      case AdminCommand::Kind::kShowUsers: {
        std::vector<std::string> columns = {"user", "role"};
        auto shared = std::make_shared<const std::vector<std::string>>(columns);
        std::vector<Record> rows;
        for (const UserEntry& user : users.list()) {
          rows.emplace_back(shared, std::vector<Value>{user.name, role_name(user.role)});
        }
        return Result(std::move(columns), std::move(rows), Summary{});
      }
    }
  } catch (const std::invalid_argument& e) {
    throw Error("ArgumentError", "InvalidArgument", "runtime", e.what());
  }
  return Result();
}

}  // namespace quiver::server
