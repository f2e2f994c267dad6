package org.valuesim.core.instrument;

/**
 * Renders the ESS-style gendered placeholders of portrait items: "(S/he)", "(her/him)", "(her/his)" and
 * "(her/him)self". With a known gender they become she/he forms; otherwise "she or he" forms, which keep
 * the verb agreement of the original ("she or he likes").
 */
public final class PortraitText {

    private PortraitText() {
    }

    /** @param gender "female", "male", or anything else for the neutral form */
    public static String render(String text, String gender) {
        String g = gender == null ? "" : gender.trim().toLowerCase(java.util.Locale.ROOT);
        boolean female = g.equals("female") || g.equals("woman") || g.equals("f");
        boolean male = g.equals("male") || g.equals("man") || g.equals("m");
        String subject = female ? "she" : male ? "he" : "she or he";
        String object = female ? "her" : male ? "him" : "her or him";
        String possessive = female ? "her" : male ? "his" : "her or his";
        String reflexive = female ? "herself" : male ? "himself" : "herself or himself";
        String out = text.replace("(her/him)self", reflexive)
                .replace("(her/him)", object)
                .replace("(her/his)", possessive)
                .replace("(s/he)", subject);
        // "(S/he)" starts sentences
        return out.replace("(S/he)", Character.toUpperCase(subject.charAt(0)) + subject.substring(1));
    }
}
