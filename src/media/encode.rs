//! Decoding one image and encoding its resized copies: the slow part, run only on a cache
//! miss. Widths are encoded in parallel.

use std::io::Cursor;
use std::path::Path;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::images::{Processed, Variant};
use super::ImagesConfig;

/// The image formats briefgen resizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::Webp),
            _ => None,
        }
    }

    fn from_image_format(f: ImageFormat) -> Option<Format> {
        match f {
            ImageFormat::Jpeg => Some(Format::Jpeg),
            ImageFormat::Png => Some(Format::Png),
            ImageFormat::WebP => Some(Format::Webp),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    /// The format of the `<img>` fallback: the image's own.
    pub fn fallback(self) -> Format {
        self
    }
}

/// Resized files to store: (file name, bytes).
pub type EncodedFiles = Vec<(String, Vec<u8>)>;

/// Decodes `bytes` and encodes every width; returns the description and the files to store
/// (name, bytes). `name_hash` makes the names unique to these contents and settings.
pub fn process(
    bytes: &[u8],
    config: &ImagesConfig,
    name_hash: &str,
    stem: &str,
) -> Result<(Processed, EncodedFiles), String> {
    let image = decode(bytes, config)?;
    let format = image.1;
    let image = image.0;
    let (width, height) = (image.width(), image.height());
    let widths = target_widths(width, &config.widths);
    let mut formats = vec![format];
    if config.webp && format != Format::Webp {
        formats.push(Format::Webp);
    }
    let jobs: Vec<(u32, Format)> = widths
        .iter()
        .flat_map(|w| formats.iter().map(move |f| (*w, *f)))
        .collect();
    let encoded: Vec<Result<(Variant, Vec<u8>), String>> = jobs
        .par_iter()
        .map(|&(w, f)| {
            let h = ((height as f64 * w as f64 / width as f64).round() as u32).max(1);
            let resized = if w == width {
                std::borrow::Cow::Borrowed(&image)
            } else {
                std::borrow::Cow::Owned(image.resize_exact(w, h, FilterType::CatmullRom))
            };
            let data = encode(&resized, f, format, config.quality)?;
            let file = format!("{stem}-{name_hash}-{w}.{}", f.extension());
            Ok((
                Variant {
                    width: w,
                    height: h,
                    format: f,
                    file,
                },
                data,
            ))
        })
        .collect();
    let mut variants = Vec::new();
    let mut files = Vec::new();
    for result in encoded {
        let (variant, data) = result?;
        files.push((variant.file.clone(), data));
        variants.push(variant);
    }
    Ok((
        Processed {
            width,
            height,
            format,
            variants,
        },
        files,
    ))
}

/// The configured widths narrower than the image, and the image's own width when it is
/// narrower than the widest configured one (no image is ever enlarged).
pub fn target_widths(width: u32, configured: &[u32]) -> Vec<u32> {
    let mut widths: Vec<u32> = configured.iter().copied().filter(|w| *w < width).collect();
    let widest = configured.iter().copied().max().unwrap_or(width);
    if width <= widest {
        widths.push(width);
    }
    widths.sort_unstable();
    widths.dedup();
    widths
}

fn decode(bytes: &[u8], config: &ImagesConfig) -> Result<(DynamicImage, Format), String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read the image: {e}"))?;
    let format = reader
        .format()
        .and_then(Format::from_image_format)
        .ok_or("not a JPEG, PNG or WebP image (the file's contents say otherwise than its name, or it is damaged)")?;
    let mut reader = reader;
    let mut limits = Limits::default();
    let max_pixels = (config.max_megapixels * 1_000_000.0) as u64;
    limits.max_alloc = Some(max_pixels.saturating_mul(8));
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| format!("cannot decode the image, it may be damaged: {e}"))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > max_pixels {
        return Err(format!(
            "the image is {w} × {h} pixels, over the {} megapixel limit (`max_megapixels` under [images])",
            config.max_megapixels
        ));
    }
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder)
        .map_err(|e| format!("cannot decode the image, it may be damaged or cut short: {e}"))?;
    if let Some(o) = orientation {
        // Phone photographs are often stored sideways with an EXIF note to turn them.
        image.apply_orientation(o);
    }
    Ok((image, format))
}

fn encode(
    image: &DynamicImage,
    to: Format,
    source: Format,
    quality: u8,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let failed = |e: &dyn std::fmt::Display| format!("cannot encode a resized copy: {e}");
    match to {
        Format::Jpeg => {
            let rgb = image.to_rgb8();
            JpegEncoder::new_with_quality(&mut out, quality)
                .encode_image(&rgb)
                .map_err(|e| failed(&e))?;
        }
        Format::Png => {
            let encoder = PngEncoder::new_with_quality(
                &mut out,
                CompressionType::Default,
                PngFilter::Adaptive,
            );
            image.write_with_encoder(encoder).map_err(|e| failed(&e))?;
        }
        Format::Webp => {
            let has_alpha = image.color().has_alpha();
            let rgba;
            let rgb;
            let encoder = if has_alpha {
                rgba = image.to_rgba8();
                webp::Encoder::from_rgba(&rgba, image.width(), image.height())
            } else {
                rgb = image.to_rgb8();
                webp::Encoder::from_rgb(&rgb, image.width(), image.height())
            };
            // Drawings and charts come as PNG and keep every pixel; photographs are lossy.
            let lossless = source == Format::Png;
            let memory = encoder
                .encode_simple(lossless, f32::from(quality))
                .map_err(|e| failed(&format!("{e:?}")))?;
            out.extend_from_slice(&memory);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_enlarges_and_keeps_the_original_width_when_narrow() {
        assert_eq!(target_widths(2000, &[480, 960, 1600]), vec![480, 960, 1600]);
        assert_eq!(target_widths(1200, &[480, 960, 1600]), vec![480, 960, 1200]);
        assert_eq!(target_widths(300, &[480, 960, 1600]), vec![300]);
        assert_eq!(target_widths(1600, &[480, 960, 1600]), vec![480, 960, 1600]);
    }

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        }));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn encodes_each_width_in_both_formats() {
        let (p, files) = process(&png(1000, 500), &ImagesConfig::default(), "abc", "map").unwrap();
        assert_eq!((p.width, p.height, p.format), (1000, 500, Format::Png));
        let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "map-abc-480.png",
                "map-abc-480.webp",
                "map-abc-960.png",
                "map-abc-960.webp",
                "map-abc-1000.png",
                "map-abc-1000.webp"
            ]
        );
        assert_eq!((p.variants[0].width, p.variants[0].height), (480, 240));
        let webp = image::load_from_memory(&files[1].1).unwrap();
        assert_eq!((webp.width(), webp.height()), (480, 240));
    }

    #[test]
    fn damaged_and_oversized_images_are_errors() {
        let mut bytes = png(200, 100);
        bytes.truncate(bytes.len() / 2);
        let e = process(&bytes, &ImagesConfig::default(), "a", "b").unwrap_err();
        assert!(e.contains("damaged"), "{e}");
        let e = process(b"not an image at all", &ImagesConfig::default(), "a", "b").unwrap_err();
        assert!(e.contains("not a JPEG, PNG or WebP"), "{e}");
        let tiny = ImagesConfig {
            max_megapixels: 0.01,
            ..ImagesConfig::default()
        };
        let e = process(&png(200, 100), &tiny, "a", "b").unwrap_err();
        assert!(e.contains("megapixel limit"), "{e}");
    }
}
