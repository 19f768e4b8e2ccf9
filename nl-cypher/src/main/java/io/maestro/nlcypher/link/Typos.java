package io.maestro.nlcypher.link;

/** Whether two words are one typing slip apart (optimal string alignment distance 1). */
final class Typos {
    private Typos() { }

    static boolean oneSlip(String a, String b) {
        if (a.equals(b)) return false;
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > 1) return false;
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) d[i][0] = i;
        for (int j = 0; j <= m; j++) d[0][j] = j;
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[n][m] == 1;
    }
}
