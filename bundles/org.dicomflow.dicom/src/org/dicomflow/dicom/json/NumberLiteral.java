package org.dicomflow.dicom.json;

import java.math.BigDecimal;

/**
 * A number as {@link JsonParser} returns it: a {@link BigDecimal} that also remembers how the JSON wrote it. The
 * value alone loses what DICOM cares about: the sign of a negative zero (a DS "-0.0", an FD -0.0) and the form of
 * a DS ("1e5" and "100000" are the same BigDecimal value but F.2.3 asks to preserve the original format).
 */
public final class NumberLiteral extends BigDecimal {
    private static final long serialVersionUID = 1L;

    private final String text;

    NumberLiteral(String text) {
        super(text);
        this.text = text;
    }

    /** The number exactly as written in the JSON text (RFC 8259 number syntax). */
    public String text() {
        return text;
    }

    // equals and hashCode are BigDecimal's: a literal equals any BigDecimal of the same value and scale
}
