using System.Globalization;
using System.Net;
using System.Text;
using CnnZoo.Architectures.Analysis;
using Microsoft.ML;
using Microsoft.ML.Data;
using SkiaSharp;

namespace CnnZoo.MLNet.Reports;

/// <summary>One picture of an <see cref="ImageGallery"/>.</summary>
/// <param name="Png">The image, encoded.</param>
/// <param name="Label">The true label, if the view has one.</param>
/// <param name="Predicted">The predicted label, if the view has one.</param>
/// <param name="Confidence">The predicted class's probability, if the view has scores.</param>
public sealed record GalleryImage(PngImage Png, string? Label, string? Predicted, float? Confidence)
{
    /// <summary>True when both labels are known and differ.</summary>
    public bool IsMistake => Label is not null && Predicted is not null && Label != Predicted;
}

/// <summary>
/// A grid of images read from an image column (<c>Vector&lt;Single, C, H, W&gt;</c> with values 0..255, as
/// <c>CnnZooData</c> and <c>ExtractPixels</c> produce), captioned with the true label and, for scored data, the
/// prediction and its probability (mistakes in red).
/// </summary>
public sealed class ImageGallery : IHtmlReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private ImageGallery(IReadOnlyList<GalleryImage> images, int displaySize) => (Images, DisplaySize) = (images, displaySize);

    /// <summary>The pictures, in row order.</summary>
    public IReadOnlyList<GalleryImage> Images { get; }

    /// <summary>Side each picture is drawn at in HTML, pixels (scaled without smoothing).</summary>
    public int DisplaySize { get; }

    /// <summary>Reads the first <paramref name="count"/> rows of <paramref name="data"/>.</summary>
    /// <param name="data">The view: raw data, or a model's output for predictions.</param>
    /// <param name="count">Pictures to show (1–1,000).</param>
    /// <param name="imageColumn">The pixel column.</param>
    /// <param name="labelColumn">True label (text or key); skipped when absent.</param>
    /// <param name="predictedColumn">Predicted label (text or key); skipped when absent.</param>
    /// <param name="scoreColumn">Class probabilities; the largest is shown with the prediction.</param>
    /// <param name="displaySize">Side in HTML, pixels.</param>
    public static ImageGallery FromDataView(IDataView data, int count = 16, string imageColumn = "Features", string? labelColumn = "Label",
        string? predictedColumn = "PredictedLabel", string? scoreColumn = "Score", int displaySize = 64)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(displaySize, 8);
        var schema = data.Schema;
        var image = schema.GetColumnOrNull(imageColumn)
            ?? throw new ArgumentException($"No column '{imageColumn}'; the view has: {string.Join(", ", schema.Select(c => c.Name))}.", nameof(imageColumn));
        if (image.Type is not VectorDataViewType { ItemType: NumberDataViewType } vector || vector.ItemType.RawType != typeof(float))
            throw new ArgumentException($"Column '{imageColumn}' is {image.Type}; expected Vector<Single, C, H, W> of pixels (ExtractPixels).", nameof(imageColumn));
        var (channels, height, width) = Shape(vector, imageColumn);
        var label = Optional(schema, labelColumn);
        var predicted = Optional(schema, predictedColumn);
        var score = scoreColumn is null ? null : schema.GetColumnOrNull(scoreColumn) is { Type: VectorDataViewType { ItemType: NumberDataViewType n } } s && n.RawType == typeof(float) ? s : (DataViewSchema.Column?)null;

        var columns = new[] { image, label, predicted, score }.Where(c => c is not null).Select(c => c!.Value).ToList();
        var images = new List<GalleryImage>();
        using var cursor = data.GetRowCursor(columns);
        var pixels = cursor.GetGetter<VBuffer<float>>(image);
        var labelText = label is { } l ? Text(cursor, l) : null;
        var predictedText = predicted is { } p ? Text(cursor, p) : null;
        var scores = score is { } sc ? cursor.GetGetter<VBuffer<float>>(sc) : null;
        var buffer = default(VBuffer<float>);
        var scoreBuffer = default(VBuffer<float>);
        while (images.Count < count && cursor.MoveNext())
        {
            pixels(ref buffer);
            float? confidence = null;
            if (scores is not null)
            {
                scores(ref scoreBuffer);
                confidence = scoreBuffer.DenseValues().DefaultIfEmpty(float.NaN).Max();
            }
            images.Add(new GalleryImage(Encode(buffer.DenseValues().ToArray(), channels, height, width), labelText?.Invoke(), predictedText?.Invoke(), confidence));
        }
        return new ImageGallery(images, displaySize);
    }

    /// <summary>Encodes planar CHW pixels (0..255; 1 or 3 channels) as a PNG.</summary>
    public static PngImage Encode(float[] chw, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(chw);
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), $"Need 1 or 3 channels; got {channels}.");
        if (chw.Length != channels * height * width)
            throw new ArgumentException($"{chw.Length} values for a {channels}x{height}x{width} image.", nameof(chw));
        var plane = height * width;
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var bytes = new byte[plane * 4];
        for (var i = 0; i < plane; i++)
        {
            bytes[i * 4] = ToByte(chw[i]);
            bytes[i * 4 + 1] = ToByte(chw[channels == 3 ? plane + i : i]);
            bytes[i * 4 + 2] = ToByte(chw[channels == 3 ? 2 * plane + i : i]);
            bytes[i * 4 + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(bytes, 0, bitmap.GetPixels(), bytes.Length);
        using var encoded = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return new PngImage(encoded.ToArray(), width, height);
    }

    /// <inheritdoc />
    public string ToHtml()
    {
        var sb = new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:6px\">");
        foreach (var img in Images)
        {
            sb.Append("<figure style=\"margin:0;text-align:center;font-size:11px;width:").Append(Math.Max(DisplaySize, 72)).Append("px\">");
            sb.Append("<img src=\"").Append(img.Png.ToDataUri()).Append("\" width=\"").Append(DisplaySize).Append("\" height=\"").Append(DisplaySize * img.Png.Height / img.Png.Width)
              .Append("\" style=\"image-rendering:pixelated;border:1px solid #ccc\" />");
            sb.Append("<figcaption>");
            if (img.Label is not null) sb.Append(WebUtility.HtmlEncode(img.Label));
            if (img.Predicted is not null)
            {
                sb.Append("<br/><span style=\"color:").Append(img.IsMistake ? "#c00" : "#080").Append("\">→ ").Append(WebUtility.HtmlEncode(img.Predicted));
                if (img.Confidence is float c && !float.IsNaN(c)) sb.Append(string.Create(Invariant, $" ({c * 100:0}%)"));
                sb.Append("</span>");
            }
            sb.Append("</figcaption></figure>");
        }
        return sb.Append("</div>").ToString();
    }

    private static (int Channels, int Height, int Width) Shape(VectorDataViewType vector, string column)
    {
        var dims = vector.Dimensions;
        if (dims.Length == 3) return (dims[0], dims[1], dims[2]);
        if (dims.Length == 2) return (1, dims[0], dims[1]);
        var size = vector.Size;
        foreach (var c in new[] { 1, 3 })
        {
            var side = (int)Math.Round(Math.Sqrt(size / (double)c));
            if (size > 0 && c * side * side == size) return (c, side, side);
        }
        throw new ArgumentException($"Column '{column}' has no C×H×W shape ({vector}).", nameof(column));
    }

    private static DataViewSchema.Column? Optional(DataViewSchema schema, string? name) =>
        name is not null && schema.GetColumnOrNull(name) is { } c && (c.Type is TextDataViewType or KeyDataViewType) ? c : null;

    private static Func<string> Text(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type is TextDataViewType)
        {
            var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            var value = default(ReadOnlyMemory<char>);
            return () => { getter(ref value); return value.ToString(); };
        }
        var names = KeyNames.Of(column);
        var keyGetter = cursor.GetGetter<uint>(column);
        uint key = 0;
        return () => { keyGetter(ref key); return key == 0 || key > names.Count ? "?" : names[(int)key - 1]; };
    }

    private static byte ToByte(float value) => (byte)Math.Clamp((int)MathF.Round(value), 0, 255);
}
