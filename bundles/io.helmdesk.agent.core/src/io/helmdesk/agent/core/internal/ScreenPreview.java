package io.helmdesk.agent.core.internal;

import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

import javax.imageio.ImageIO;

import io.helmdesk.protocol.message.PreviewImage;

/**
 * The screenshot preview the device list shows (DEV-3): the whole screen scaled to {@value #WIDTH} pixels wide,
 * as JPEG. A computer without a graphical session has none.
 */
final class ScreenPreview {

    static final int WIDTH = 320;

    private ScreenPreview() {
    }

    static Optional<PreviewImage> take() {
        if (GraphicsEnvironment.isHeadless()) {
            return Optional.empty();
        }
        try {
            Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
            BufferedImage shot = new Robot().createScreenCapture(screen);
            int height = Math.max(1, shot.getHeight() * WIDTH / Math.max(1, shot.getWidth()));
            BufferedImage scaled = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
            var graphics = scaled.createGraphics();
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(shot, 0, 0, WIDTH, height, null);
            graphics.dispose();
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            ImageIO.write(scaled, "jpg", jpeg);
            return Optional.of(new PreviewImage(PreviewImage.Format.JPEG, WIDTH, height, jpeg.toByteArray()));
        } catch (AWTException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
