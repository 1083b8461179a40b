// MessageList (core/message_list.hpp): a vector of messages whose cleared messages stay built,
// so a step's sends overwrite them. What it lists must never show what an earlier step left.
#include "core/message_list.hpp"

#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "core/profile.hpp"
#include "core/state.hpp"
#include "core/step.hpp"
#include "test_support.hpp"

namespace rumor::core {
namespace {

TEST(OverwriteId, CopiesIdsOfEveryLength) {
  std::string kept = "n1";
  overwrite_id(kept, "n7");
  EXPECT_EQ(kept, "n7");
  overwrite_id(kept, "n12");
  EXPECT_EQ(kept, "n12");
  overwrite_id(kept, "");
  EXPECT_EQ(kept, "");
  overwrite_id(kept, std::string(40, 'x'));  // beyond a short string's inline room
  EXPECT_EQ(kept, std::string(40, 'x'));
}

TEST(MessageList, ClearKeepsMessagesBuiltButListsNone) {
  MessageList list;
  list.push_back(testing::request("c1", "n1", 7, Read{}));
  const Message* first = &list.front();
  list.clear();
  EXPECT_TRUE(list.empty());
  EXPECT_EQ(list.begin(), list.end());
  Message& reused = list.next_to_fill();
  EXPECT_EQ(&reused, first);  // the same message, to be overwritten
  EXPECT_EQ(list.size(), 1U);
}

TEST(MessageList, EmplaceBackGivesAFreshMessageEvenWhenReusing) {
  MessageList list;
  list.push_back(testing::request("c1", "n1", 7, Broadcast{3}));
  list.clear();
  EXPECT_EQ(list.emplace_back(), Message{});
  list.push_back(testing::request("c2", "n2", 8, Read{}));
  EXPECT_EQ(list.size(), 2U);
  EXPECT_EQ(list.back(), testing::request("c2", "n2", 8, Read{}));
}

TEST(MessageList, EraseIfKeepsTheRestInOrder) {
  MessageList list;
  for (int k = 0; k < 5; ++k)
    list.push_back(testing::request("c" + std::to_string(k), "n1", k, Read{}));
  EXPECT_EQ(erase_if(list, [](const Message& m) { return *m.msg_id % 2 == 1; }), 2U);
  ASSERT_EQ(list.size(), 3U);
  EXPECT_EQ(*list[0].msg_id, 0);
  EXPECT_EQ(*list[1].msg_id, 2);
  EXPECT_EQ(*list[2].msg_id, 4);
}

// A step writing over what an earlier step left (other ids, a msg_id, another body) sends what
// a fresh output would hold.
TEST(MessageList, AStepOverwritesEveryFieldOfAReusedMessage) {
  State state = make_state(*profile_named("default"), 1);
  Output reused;
  reused.messages.push_back(Message{.src = "a-long-client-id-beyond-sso",
                                    .dest = "x",
                                    .msg_id = 99,
                                    .in_reply_to = 42,
                                    .body = Error{.code = 13, .text = "stale"}});
  reused.messages.clear();
  const Input init = Received{testing::request("c1", "n1", 1, Init{"n1", {"n1", "n2"}}), 0};
  const StepResult fresh = step(state, init);
  step_in_place(state, init, reused);
  ASSERT_EQ(reused.messages.size(), 1U);
  EXPECT_EQ(reused.messages, fresh.output.messages);
  EXPECT_FALSE(reused.messages[0].msg_id);
  EXPECT_TRUE(std::holds_alternative<InitOk>(reused.messages[0].body));
}

}  // namespace
}  // namespace rumor::core
