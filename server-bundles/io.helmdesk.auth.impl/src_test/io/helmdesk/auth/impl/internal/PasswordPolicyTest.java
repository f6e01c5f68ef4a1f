package io.helmdesk.auth.impl.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private final PasswordPolicy policy = PasswordPolicy.withCommonPasswords();

    @ParameterizedTest
    @ValueSource(strings = {"ab12cd", "Tr0ub4dor&3", "correct horse battery staple 9", "été2026x"})
    void acceptsLettersAndDigitsOfAFairLength(String password) {
        assertDoesNotThrow(() -> policy.check(password));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"ab1|at least 6", "abcdefgh|letters and digits", "12345678|letters and digits",
            "Password1|most common", "QWERTY123|most common", "azerty123|most common"})
    void refusesWithAReason(String password, String reason) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, () -> policy.check(password));
        assertTrue(refusal.getMessage().contains(reason), refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 129})
    void allowsUpTo128Characters(int length) {
        String password = "a1".repeat(length / 2) + (length % 2 == 1 ? "b" : "");
        if (length <= 128) {
            assertDoesNotThrow(() -> policy.check(password));
        } else {
            assertThrows(IllegalArgumentException.class, () -> policy.check(password));
        }
    }
}
