#pragma once

// Boost.Asio as quiverd uses it: coroutines need <utility> before Boost 1.74's awaitable.hpp.

#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

namespace quiver::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

}  // namespace quiver::server
