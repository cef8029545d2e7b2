package org.serspark.cv;

/** HTML escaping: every string from metrics.json passes through here before it reaches the report. */
final class Html {
    private Html() {
    }

    /**
     * Escapes text for element content and double- or single-quoted attribute values; null becomes "". Escaping the
     * quotes too means one function is safe in both places.
     */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
