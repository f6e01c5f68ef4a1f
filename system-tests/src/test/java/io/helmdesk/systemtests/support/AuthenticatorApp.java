package io.helmdesk.systemtests.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * What a phone's authenticator app does, written apart from the server's code: read the QR code, keep the seed,
 * show the 6-digit code of a moment (RFC 6238, HMAC-SHA1, 30 s).
 */
public final class AuthenticatorApp {

    private final byte[] seed;

    private AuthenticatorApp(byte[] seed) {
        this.seed = seed;
    }

    /** Scans a PNG QR code (base 64) holding an otpauth:// URI. */
    public static AuthenticatorApp scan(String pngBase64) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(pngBase64)));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        try {
            String uri = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
            return fromUri(uri);
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new IOException("No readable QR code", e);
        }
    }

    static AuthenticatorApp fromUri(String otpauth) {
        URI uri = URI.create(otpauth);
        if (!"otpauth".equals(uri.getScheme()) || !"totp".equals(uri.getHost())) {
            throw new IllegalArgumentException("Not a TOTP URI: " + otpauth);
        }
        for (String parameter : uri.getRawQuery().split("&")) {
            if (parameter.startsWith("secret=")) {
                return new AuthenticatorApp(base32(parameter.substring("secret=".length())));
            }
        }
        throw new IllegalArgumentException("No secret in " + otpauth);
    }

    /** The code the app shows at this moment (epoch seconds). */
    public String code(long epochSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(seed, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(epochSeconds / 30).array());
            int offset = hash[19] & 0xf;
            int value = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%06d", value % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
