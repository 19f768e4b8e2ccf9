package io.maestro.nlcypher.link;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Words of a question with their character offsets; matching is on lower-case, NFKC-normalised words. */
public record Tokens(String text, List<Token> list) {
    /** One word: its normalised form, the original spelling and where it sits in the text. */
    public record Token(String word, String original, int start, int end) { }

    private static final Pattern WORD = Pattern.compile("\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|[\\p{L}\\p{N}][\\p{L}\\p{N}'’.\\-/&]*[\\p{L}\\p{N}]|[\\p{L}\\p{N}]|[€£$]");

    public static Tokens of(String text) {
        var list = new ArrayList<Token>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String original = m.group();
            String word = normalise(original);
            if (word.endsWith("'s") || word.endsWith("’s")) word = word.substring(0, word.length() - 2);
            list.add(new Token(word, original, m.start(), m.end()));
        }
        return new Tokens(text, List.copyOf(list));
    }

    /** Lower case, NFKC, curly quotes straightened, inner whitespace collapsed. */
    public static String normalise(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('’', '\'')
                .replaceAll("\\s+", " ").trim();
    }

    public int size() {
        return list.size();
    }

    /** The words from {@code from} (inclusive) to {@code to} (exclusive), joined by one space. */
    public String words(int from, int to) {
        var sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) sb.append(' ');
            sb.append(list.get(i).word());
        }
        return sb.toString();
    }

    public String word(int i) {
        return list.get(i).word();
    }
}
