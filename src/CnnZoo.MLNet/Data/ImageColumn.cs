using CnnZoo.MLNet.Bridge;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace CnnZoo.MLNet.Data;

/// <summary>How a feature column carries its images.</summary>
public enum ImageColumnKind
{
    /// <summary><c>Vector&lt;Single, C, H, W&gt;</c> (or H, W, C interleaved), e.g. from <c>ExtractPixels</c>; values in the source's scale (0–255 by default).</summary>
    FloatPixels,
    /// <summary><c>Vector&lt;Byte, C, H, W&gt;</c>, e.g. <c>ExtractPixels(outputAsFloatArray: false)</c>.</summary>
    BytePixels,
    /// <summary>An <c>Image</c> column from <c>LoadImages</c> / <c>ResizeImages</c>.</summary>
    Image,
    /// <summary><c>VarVector&lt;Byte&gt;</c> of encoded image files from <c>LoadRawImageBytes</c>; decoded and resized internally.</summary>
    EncodedImage,
}

/// <summary>The layout of a feature column: what it carries and the [C, H, W] the model sees.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind">How the images are carried.</param>
/// <param name="Channels">Channels fed to the model.</param>
/// <param name="Height">Height fed to the model.</param>
/// <param name="Width">Width fed to the model.</param>
/// <param name="Interleaved">For pixel vectors: dims are [H, W, C] (ExtractPixels with interleavePixelColors) rather than [C, H, W].</param>
public sealed record ImageColumnInfo(string Name, ImageColumnKind Kind, int Channels, int Height, int Width, bool Interleaved = false)
{
    /// <summary>Values per image fed to the model, C·H·W.</summary>
    public int Length => Channels * Height * Width;

    /// <summary>"1×28×28".</summary>
    public string ShapeText => $"{Channels}×{Height}×{Width}";

    /// <summary>The column type a user should see in error messages, e.g. "Vector&lt;Single, 1, 28, 28&gt;".</summary>
    internal static string Describe(DataViewType type) => type switch
    {
        VectorDataViewType v when v.Dimensions.Length > 0 && v.IsKnownSize => $"Vector<{v.ItemType.RawType.Name}, {string.Join(", ", v.Dimensions)}>",
        VectorDataViewType v => $"VarVector<{v.ItemType.RawType.Name}>",
        KeyDataViewType k => $"Key<{k.RawType.Name}, {k.Count}>",
        _ => type.ToString() ?? type.GetType().Name,
    };

    internal const string AcceptedTypes = "Vector<Single, C, H, W> (ExtractPixels), Vector<Byte, C, H, W>, Image (LoadImages/ResizeImages) or VarVector<Byte> of encoded images (LoadRawImageBytes)";

    /// <summary>
    /// Reads the layout from a schema. Image and encoded-image columns carry no size in their type: <paramref name="imageSize"/>
    /// (the model's input side) and <paramref name="imageChannels"/> give it (images are resized/converted to that).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing; the message lists the columns there are.</exception>
    /// <exception cref="ArgumentException">The column's type is not an image type; the message names it and what is accepted.</exception>
    public static ImageColumnInfo FromSchema(DataViewSchema schema, string name, int? imageSize, int imageChannels)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(nameof(name), name, $"The feature column '{name}' is not in the data. Columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"))}.");
        var type = column.Type;
        switch (type)
        {
            case VectorDataViewType vector when vector.ItemType == NumberDataViewType.Single || vector.ItemType == NumberDataViewType.Byte:
                var kind = vector.ItemType == NumberDataViewType.Single ? ImageColumnKind.FloatPixels : ImageColumnKind.BytePixels;
                if (vector.IsKnownSize && vector.Dimensions.Length == 3)
                {
                    var d = vector.Dimensions;
                    // ExtractPixels writes [C, H, W], or [H, W, C] with interleavePixelColors: a last dim of 1–4 after a
                    // larger first dim can only be the interleaved layout.
                    var interleaved = d[2] <= 4 && d[0] > 4;
                    return interleaved ? new(name, kind, d[2], d[0], d[1], Interleaved: true) : new(name, kind, d[0], d[1], d[2]);
                }
                if (vector.ItemType == NumberDataViewType.Byte && !vector.IsKnownSize)
                {
                    var side = imageSize ?? throw new ArgumentException($"Column '{name}' holds encoded images (VarVector<Byte>); the model's input size must be known to resize them.", nameof(imageSize));
                    return new(name, ImageColumnKind.EncodedImage, imageChannels, side, side);
                }
                if (vector.IsKnownSize && FlatShape(vector, imageSize, imageChannels) is (int flatHeight, int flatWidth))
                    return new(name, kind, imageChannels, flatHeight, flatWidth);
                throw new ArgumentException($"Column '{name}' has type {Describe(type)}: a vector without [C, H, W] dimensions, and {(vector.IsKnownSize ? $"{vector.Size} values are not {imageChannels}×S×S (square planar images of {imageChannels} channel(s))" : "no fixed length")}. " +
                    $"The CNN needs {AcceptedTypes}, or a fixed-length vector of planar C×S×S values with CnnTrainer.Options.ImageChannels giving C (e.g. [VectorType(1, 28, 28)] or a CSV of 784 pixels for 1×28×28).", nameof(name));
            case ImageDataViewType image:
                var height = image.Height > 0 ? image.Height : imageSize ?? 0;
                var width = image.Width > 0 ? image.Width : imageSize ?? 0;
                if (height <= 0 || width <= 0)
                    throw new ArgumentException($"Column '{name}' is an Image column of unknown size; add ResizeImages or set the model's input size.", nameof(name));
                return new(name, ImageColumnKind.Image, imageChannels, height, width);
            default:
                throw new ArgumentException($"Column '{name}' has type {Describe(type)}; the CNN needs {AcceptedTypes}.", nameof(name));
        }
    }

    // A vector of known length without [C, H, W] dims (a CSV row of pixels, [VectorType(784)], [VectorType(28, 28)]):
    // planar C×H×W, C = the model's channels; [H, W] dims when they fit, else the model's side when it fits, else square.
    private static (int Height, int Width)? FlatShape(VectorDataViewType vector, int? imageSize, int channels)
    {
        var d = vector.Dimensions;
        if (d.Length == 2 && channels == 1) return (d[0], d[1]);
        if (vector.Size % channels != 0) return null;
        var pixels = vector.Size / channels;
        if (imageSize is int size && size * size == pixels) return (size, size);
        var side = (int)Math.Round(Math.Sqrt(pixels));
        return side * side == pixels ? (side, side) : null;
    }

    /// <summary>SchemaShape-level check (no sizes known there): kind and item type only.</summary>
    internal static void CheckShape(SchemaShape schema, string name)
    {
        if (!SchemaShapes.TryFind(schema, name, out var column))
            throw new ArgumentOutOfRangeException(nameof(name), name, $"The feature column '{name}' is not in the data. Columns: {string.Join(", ", schema.Select(c => $"'{c.Name}'"))}.");
        var ok = column.ItemType is ImageDataViewType && column.Kind == SchemaShape.Column.VectorKind.Scalar
            || column.Kind == SchemaShape.Column.VectorKind.Vector && (column.ItemType == NumberDataViewType.Single || column.ItemType == NumberDataViewType.Byte)
            || column.Kind == SchemaShape.Column.VectorKind.VariableVector && column.ItemType == NumberDataViewType.Byte;
        if (!ok)
            throw new ArgumentException($"Column '{name}' has type {column.Kind} of {column.ItemType}; the CNN needs {AcceptedTypes}.", nameof(name));
    }
}
