package io.maestro.sandbox.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The generator alone, without a database. */
class SampleGeneratorTest {

    @Test
    void sameSeedAndSizeEmitTheSameRowsInTheSameOrderAndAnotherSeedOtherRows() {
        String once = digest(Size.SMALL, 42);
        assertThat(digest(Size.SMALL, 42)).isEqualTo(once);
        assertThat(digest(Size.SMALL, 43)).isNotEqualTo(once);
        assertThat(digest(Size.ofNodes(10_001), 42)).isNotEqualTo(once);
    }

    @Test
    void emitsEveryNodeBeforeAnyRelationshipAndOnlyRelationshipsBetweenEmittedNodes() {
        var ids = new HashSet<String>();
        var nodes = new EnumMap<NodeLabel, Integer>(NodeLabel.class);
        List<String> problems = new ArrayList<>();
        new SampleGenerator(Size.SMALL, 7).generate(new GraphSink() {
            boolean relationships;

            @Override
            public void node(NodeLabel label, Map<String, Object> properties) {
                if (relationships) problems.add("node after relationships: " + properties.get("id"));
                if (!ids.add((String) properties.get("id"))) problems.add("duplicate id " + properties.get("id"));
                if (!((String) properties.get("id")).startsWith(label.idPrefix + "-")) problems.add("id " + properties.get("id") + " on a " + label);
                if (properties.containsValue(null)) problems.add("null property on " + properties.get("id"));
                nodes.merge(label, 1, Integer::sum);
            }

            @Override
            public void relationship(RelType type, NodeLabel from, String fromId, NodeLabel to, String toId, Map<String, Object> properties) {
                relationships = true;
                if (!ids.contains(fromId) || !ids.contains(toId)) problems.add(type + " between unknown nodes " + fromId + ", " + toId);
                if (!fromId.startsWith(from.idPrefix + "-") || !toId.startsWith(to.idPrefix + "-")) problems.add(type + " with ends of the wrong label");
            }
        });
        assertThat(problems).isEmpty();
        assertThat(nodes).isEqualTo(Size.SMALL.nodesByLabel());
    }

    @Test
    void ibansAndImeisCarryValidCheckDigits() {
        List<String> ibans = new ArrayList<>();
        List<String> imeis = new ArrayList<>();
        new SampleGenerator(Size.TINY, 42).generate(new GraphSink() {
            @Override
            public void node(NodeLabel label, Map<String, Object> properties) {
                if (label == NodeLabel.ACCOUNT) ibans.add((String) properties.get("iban"));
                if (label == NodeLabel.DEVICE) imeis.add((String) properties.get("imei"));
            }

            @Override
            public void relationship(RelType type, NodeLabel from, String fromId, NodeLabel to, String toId, Map<String, Object> properties) {}
        });
        assertThat(ibans).isNotEmpty().doesNotHaveDuplicates().allSatisfy(iban -> {
            assertThat(iban).matches("[A-Z]{2}\\d{20}");
            String rearranged = iban.substring(4) + (iban.charAt(0) - 'A' + 10) + (iban.charAt(1) - 'A' + 10) + iban.substring(2, 4);
            assertThat(new BigInteger(rearranged).mod(BigInteger.valueOf(97)).intValue()).as(iban).isEqualTo(1);
        });
        assertThat(imeis).isNotEmpty().doesNotHaveDuplicates().allSatisfy(imei -> {
            assertThat(imei).matches("\\d{15}");
            assertThat(luhnValid(imei)).as(imei).isTrue();
        });
    }

    @Test
    void plantsMoreRingsAndSharedDevicesInLargerGraphs() {
        PlantedPatterns tiny = new SampleGenerator(Size.TINY, 42).planted();
        PlantedPatterns large = new SampleGenerator(Size.LARGE, 42).planted();
        assertThat(tiny.moneyCycles()).hasSize(2);
        assertThat(tiny.sharedDevices()).hasSize(4);
        assertThat(large.moneyCycles()).hasSize(12);
        assertThat(large.sharedDevices()).hasSize(19);
        Set<String> ringAccounts = new HashSet<>();
        large.moneyCycles().forEach(ringAccounts::addAll);
        assertThat(ringAccounts).as("rings share no account").hasSize(large.moneyCycles().stream().mapToInt(List::size).sum());
    }

    private static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }

    private static String digest(Size size, long seed) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            new SampleGenerator(size, seed).generate(new GraphSink() {
                @Override
                public void node(NodeLabel label, Map<String, Object> properties) {
                    digest.update((label + " " + new TreeMap<>(properties) + "\n").getBytes(StandardCharsets.UTF_8));
                }

                @Override
                public void relationship(RelType type, NodeLabel from, String fromId, NodeLabel to, String toId, Map<String, Object> properties) {
                    digest.update((fromId + " " + type + " " + toId + " " + new TreeMap<>(properties) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
