package io.helmdesk.screen.internal;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** JPEG through the JDK's ImageIO, for machines without libturbojpeg. Memory streams only: no cache files. */
final class ImageIoJpegCodec implements JpegCodec {

    private final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();

    private final ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();

    @Override
    public String name() {
        return "ImageIO";
    }

    @Override
    public byte[] compress(int[] pixels, int offset, int stride, int width, int height, int quality) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int row = 0; row < height; row++) {
            System.arraycopy(pixels, offset + row * stride, data, row * width, width);
        }
        ImageWriteParam parameters = writer.getDefaultWriteParam();
        parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        parameters.setCompressionQuality(quality / 100f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(width * height / 2 + 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), parameters);
        } catch (IOException e) {
            throw new UncheckedIOException("ImageIO could not write a JPEG to memory", e);
        } finally {
            writer.reset();
        }
        return bytes.toByteArray();
    }

    @Override
    public void decompress(byte[] jpeg, int width, int height, int[] out) throws BadTileException {
        List<String> warnings = new ArrayList<>();
        BufferedImage image;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in, true, true);
            // A truncated or damaged scan is only a warning to ImageIO; here it is a refusal
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            image = reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw new BadTileException("corrupt JPEG: " + e.getMessage());
        } finally {
            reader.reset();
        }
        if (!warnings.isEmpty()) {
            throw new BadTileException("corrupt JPEG: " + warnings.get(0));
        }
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new BadTileException("JPEG decodes to " + image.getWidth() + "x" + image.getHeight());
        }
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0, j = 0; i < width * height; i++, j += 3) {
                out[i] = (data[j + 2] & 0xFF) << 16 | (data[j + 1] & 0xFF) << 8 | (data[j] & 0xFF);
            }
        } else if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < width * height; i++) {
                int grey = data[i] & 0xFF;
                out[i] = grey << 16 | grey << 8 | grey;
            }
        } else {
            image.getRGB(0, 0, width, height, out, 0, width);
            for (int i = 0; i < width * height; i++) {
                out[i] &= 0xFFFFFF;
            }
        }
    }
}
