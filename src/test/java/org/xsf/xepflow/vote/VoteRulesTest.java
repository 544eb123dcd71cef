package org.xsf.xepflow.vote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VoteRulesTest {
  private static final List<String> COUNCIL = List.of("a", "b", "c", "d", "e");

  @Test
  void aMajorityOfPlusOnesWithoutVetoAdvances() {
    var rules = new VoteRules(COUNCIL, Map.of("a", 1, "b", 1, "c", 1, "d", 0, "e", 0));
    assertThat(rules.complete()).isTrue();
    assertThat(rules.outcome(0)).isEqualTo("advance");
  }

  @Test
  void anyMinusOneBlocksAndKeepsTheVoteOpen() {
    var rules = new VoteRules(COUNCIL, Map.of("a", 1, "b", 1, "c", 1, "d", 1, "e", -1));
    assertThat(rules.complete()).isFalse();
    assertThat(rules.vetoed()).isTrue();
    assertThat(rules.outcome(0)).isEqualTo("blocked");
  }

  @Test
  void twoOfFiveIsNoMajority() {
    var rules = new VoteRules(COUNCIL, Map.of("a", 1, "b", 1, "c", 0, "d", 0, "e", 0));
    assertThat(rules.outcome(0)).isEqualTo("noMajority");
  }

  @Test
  void aSilentMemberCountsAsThePolicyDefault() {
    var rules = new VoteRules(COUNCIL, Map.of("a", 1, "b", 1, "c", 0, "d", 0));
    assertThat(rules.complete()).isFalse();
    assertThat(rules.outcome(0)).isEqualTo("noMajority");
    assertThat(rules.outcome(1)).isEqualTo("advance");
    assertThat(rules.outcome(-1)).isEqualTo("blocked");
  }
}
