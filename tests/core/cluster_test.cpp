// Several cores wired together in-process: every value reaches every node, with and without
// lost messages, under every profile.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "cluster_harness.hpp"
#include "core/node_names.hpp"

namespace rumor::core {
namespace {

using testing::request;

class ClusterProfiles : public ::testing::TestWithParam<std::string> {};

TEST_P(ClusterProfiles, FiveNodesWithoutFaultsConverge) {
  Cluster cluster(5, GetParam(), 3, 0.0);
  for (Value v = 0; v < 100; ++v) {
    cluster.broadcast(node_name(v % 5), v);
    cluster.run_for(20);
  }
  cluster.run_for(2000);
  EXPECT_TRUE(cluster.converged());
}

TEST_P(ClusterProfiles, LostMessagesAreRetransmitted) {
  Cluster cluster(5, GetParam(), 4, 0.3);
  for (Value v = 0; v < 200; ++v) {
    cluster.broadcast(node_name((v * 3) % 5), v);
    cluster.run_for(13);
  }
  cluster.run_for(3000);
  cluster.set_loss(0.0);  // heal: liveness needs a working network eventually
  cluster.run_for(15000);
  EXPECT_TRUE(cluster.converged());
}

INSTANTIATE_TEST_SUITE_P(AllProfiles, ClusterProfiles, ::testing::ValuesIn(profile_names()));

TEST(Cluster, StarSendsFewMessagesPerValue) {
  Cluster cluster(5, "default", 5, 0.0);
  for (Value v = 0; v < 200; ++v) {
    cluster.broadcast(node_name(1 + v % 4), v);
    cluster.run_for(5);
  }
  cluster.run_for(3000);
  ASSERT_TRUE(cluster.converged());
  // Unbatched flooding would need at least 4 messages per value; the star's batches need far fewer.
  EXPECT_LT(cluster.server_messages(), 2 * 200);
}

}  // namespace
}  // namespace rumor::core
