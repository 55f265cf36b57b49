// TLS: quiverd with a self-signed certificate made by the openssl command.
#include <gtest/gtest.h>

#include <cstdlib>

#include "quiver/client.h"
#include "server/server_process.h"

namespace quiver::test_support {
namespace {

// Makes a self-signed certificate for 127.0.0.1 in DIR; false when openssl is unavailable.
bool make_certificate(const TempDir& dir) {
  std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1"
      " -addext subjectAltName=IP:127.0.0.1 -keyout " +
      dir.str("key.pem") + " -out " + dir.str("cert.pem") + " 2>/dev/null";
  return std::system(command.c_str()) == 0;
}

class Tls : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!make_certificate(certs_)) {
      GTEST_SKIP() << "openssl is not available";
    }
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        "--tls-cert", certs_.str("cert.pem"), "--tls-key", certs_.str("key.pem")});
  }

  client::ConnectOptions options() const {
    client::ConnectOptions o;
    o.port = server_->port();
    o.user = "admin";
    o.password = ServerProcess::kAdminPassword;
    o.tls = true;
    o.tls_ca_file = certs_.str("cert.pem");
    o.timeout = std::chrono::milliseconds(5000);
    return o;
  }

  TempDir certs_{"quiverd-tls"};
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(Tls, ClientTrustingTheCertificateRunsQueries) {
  auto db = client::Client::connect(options());
  db->run("CREATE (:Secure {v: $v})", {{"v", 42}});
  EXPECT_EQ(db->run("MATCH (s:Secure) RETURN s.v AS v")[0][0], Value(42));
}

TEST_F(Tls, PlainClientIsTurnedAway) {
  client::ConnectOptions plain = options();
  plain.tls = false;
  plain.timeout = std::chrono::milliseconds(2000);
  EXPECT_THROW(client::Client::connect(plain), Error);
}

TEST_F(Tls, UntrustedCertificateIsRejected) {
  client::ConnectOptions untrusted = options();
  untrusted.tls_ca_file = certs_.write("other.pem", "");
  EXPECT_THROW(client::Client::connect(untrusted), Error);
}

TEST_F(Tls, HostNameMustMatchTheCertificate) {
  client::ConnectOptions other_name = options();
  other_name.host = "localhost";  // the certificate names 127.0.0.1 only
  EXPECT_THROW(client::Client::connect(other_name), Error);
}

}  // namespace
}  // namespace quiver::test_support
