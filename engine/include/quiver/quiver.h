#pragma once

// The whole embedded API: include this one header.

#include "quiver/database.h"
#include "quiver/error.h"
#include "quiver/literal.h"
#include "quiver/log.h"
#include "quiver/result.h"
#include "quiver/value.h"
