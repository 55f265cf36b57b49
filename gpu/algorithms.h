#pragma once

// Everything the gpu layer offers, for callers that want it all in one include.

#include "gpu/approximate_knn.h"
#include "gpu/backend.h"
#include "gpu/centrality.h"
#include "gpu/components.h"
#include "gpu/csr.h"
#include "gpu/embedding.h"
#include "gpu/memory_estimate.h"
#include "gpu/projection.h"
#include "gpu/result.h"
#include "gpu/similarity.h"
