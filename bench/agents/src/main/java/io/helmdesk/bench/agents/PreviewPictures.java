package io.helmdesk.bench.agents;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.helmdesk.protocol.message.PreviewImage;

/**
 * Real JPEG pictures of about the requested size (a desktop-like gradient with noise, so that JPEG cannot squeeze it),
 * made once; the simulated agents take turns sending them.
 */
final class PreviewPictures {

    private final List<PreviewImage> pictures;

    private PreviewPictures(List<PreviewImage> pictures) {
        this.pictures = pictures;
    }

    static PreviewPictures make(int variants, int targetBytes) throws IOException {
        List<PreviewImage> pictures = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            pictures.add(picture(targetBytes, 7919L * (v + 1)));
        }
        return new PreviewPictures(pictures);
    }

    PreviewImage forAgent(int index) {
        return pictures.get(index % pictures.size());
    }

    int averageBytes() {
        return (int) pictures.stream().mapToInt(p -> p.data().length).average().orElse(0);
    }

    String describe() {
        PreviewImage first = pictures.get(0);
        return pictures.size() + " JPEG pictures of " + first.width() + "x" + first.height() + ", "
                + pictures.stream().map(p -> Integer.toString(p.data().length)).toList() + " bytes";
    }

    private static PreviewImage picture(int targetBytes, long seed) throws IOException {
        // 16:9, scaled until the encoded size is close to the target.
        double width = 320;
        byte[] data = null;
        int w = 0;
        int h = 0;
        for (int round = 0; round < 6; round++) {
            w = Math.max(16, (int) Math.round(width));
            h = Math.max(9, w * 9 / 16);
            data = encode(draw(w, h, seed), 0.75f);
            double ratio = (double) targetBytes / data.length;
            if (Math.abs(ratio - 1) < 0.03) {
                break;
            }
            width *= Math.sqrt(ratio);
        }
        return new PreviewImage(PreviewImage.Format.JPEG, w, h, data);
    }

    private static BufferedImage draw(int w, int h, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = clamp(40 + 150 * x / w + random.nextInt(60) - 30);
                int g = clamp(60 + 120 * y / h + random.nextInt(60) - 30);
                int b = clamp(150 + random.nextInt(60) - 30);
                // a few "windows": flat areas with text-like noise
                if ((x / 40 + y / 30) % 5 == 0) {
                    r = g = b = random.nextInt(8) == 0 ? 20 : 235;
                }
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }

    private static byte[] encode(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            parameters.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), parameters);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
