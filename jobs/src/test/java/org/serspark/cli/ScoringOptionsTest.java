package org.serspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.serspark.conf.SersparkConf;
import org.serspark.model.DecisionRule;

class ScoringOptionsTest {

    @Test
    void noneSwitchesOffTheProfilesTestSpeedsAndAbsentLeavesThem() {
        SersparkConf best = SersparkConf.load(null, "best");
        assertEquals(List.of(0.9, 1.1), ModelConfigs.testSpeeds(best));
        assertEquals(List.of(), ModelConfigs.testSpeeds(best.with("training.test_speeds",
                ScoringOptions.testSpeeds(List.of("none")))));
        assertEquals(List.of(0.9, 1.1), ModelConfigs.testSpeeds(best.with("training.test_speeds",
                ScoringOptions.testSpeeds(null))), "not given: the profile's");
        assertEquals(List.of(0.8), ModelConfigs.testSpeeds(best.with("training.test_speeds",
                ScoringOptions.testSpeeds(List.of(" 0.8")))));
        assertNull(ScoringOptions.testSpeeds(null));

        UserException word = assertThrows(UserException.class,
                () -> ScoringOptions.testSpeeds(List.of("0.9", "fast")));
        assertEquals("--test-speeds: 'fast' is not a number; give factors such as 0.9,1.1, or none", word.getMessage());
    }

    @Test
    void bestReadsBalancedPaperArgmaxAndTheFlagOverridesEither() {
        SersparkConf best = SersparkConf.load(null, "best");
        SersparkConf paper = SersparkConf.load(null, "paper");
        assertEquals(DecisionRule.BALANCED, ModelConfigs.decision(best));
        assertEquals(DecisionRule.ARGMAX, ModelConfigs.decision(paper));
        ScoringOptions flags = new ScoringOptions();
        flags.decision = "argmax";
        assertEquals(DecisionRule.ARGMAX, ModelConfigs.decision(flags.over(best)));
        flags.decision = "bayes";
        UserException bad = assertThrows(UserException.class, () -> ModelConfigs.decision(flags.over(paper)));
        assertTrue(bad.getMessage().startsWith("training.decision must be argmax or balanced, got 'bayes' ("),
                bad.getMessage());
    }
}
