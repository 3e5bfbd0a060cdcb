using CnnZoo.MLNet.Bridge.Mapping;
using CnnZoo.MLNet.Bridge.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Transforms.Image;

namespace CnnZoo.MLNet.Images;

/// <summary>
/// Composites transparent and semi-transparent pixels of an image column on a background colour, so that product
/// cut-outs, logos and clip art look as they do on a page instead of on black (what <c>ExtractPixels</c> makes of them).
/// Applies at training and scoring alike; place it between <c>LoadImages</c>/<c>ResizeImages</c> and <c>ExtractPixels</c>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Column</term><description>Type and meaning</description></listheader>
/// <item><term>input</term><description><c>Image</c> (from <c>LoadImages</c>), 32-bit BGRA or RGBA.</description></item>
/// <item><term>output</term><description><c>Image</c> of the same size and format, every pixel opaque.</description></item>
/// </list>
/// </remarks>
public sealed class ImageBackgroundTransformer : CnnZooTransformer
{

    internal ImageBackgroundTransformer(IHostEnvironment env, string outputColumnName, string inputColumnName, BackgroundColor background) : base(env)
    {
        (OutputColumnName, InputColumnName, Background) = (outputColumnName, inputColumnName, background);
    }

    /// <summary>The composited image column.</summary>
    public string OutputColumnName { get; }

    /// <summary>The image column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The colour transparent pixels are composited on.</summary>
    public BackgroundColor Background { get; }

    internal static ImageBackgroundTransformer Load(IHostEnvironment env, ModelReader reader)
    {
        var output = reader.ReadString();
        var input = reader.ReadString();
        var rgb = reader.Reader.ReadBytes(3);
        if (rgb.Length != 3) throw new InvalidDataException("The CnnZoo image background entry in the model file is truncated; save the model again.");
        return new ImageBackgroundTransformer(env, output, input, new BackgroundColor(rgb[0], rgb[1], rgb[2]));
    }

    private protected override ModelKind Kind => ModelKind.ImageBackground;

    private protected override void SaveModel(ModelWriter writer)
    {
        writer.WriteString(OutputColumnName);
        writer.WriteString(InputColumnName);
        writer.Writer.Write([Background.R, Background.G, Background.B]);
    }

    private protected override IBoundRowMapping Bind(DataViewSchema inputSchema, IDataView? source) => new Bound(this, inputSchema);

    private sealed class Bound : IBoundRowMapping
    {
        private readonly ImageBackgroundTransformer _owner;
        private readonly DataViewSchema.Column _input;

        public Bound(ImageBackgroundTransformer owner, DataViewSchema schema)
        {
            _owner = owner;
            _input = schema.GetColumnOrNull(owner.InputColumnName)
                ?? throw new ArgumentOutOfRangeException(nameof(schema), owner.InputColumnName, $"The image column '{owner.InputColumnName}' to composite is not in the data. Columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"))}.");
            if (_input.Type is not ImageDataViewType)
                throw new ArgumentException($"Column '{owner.InputColumnName}' is {_input.Type}; compositing needs an Image column (LoadImages). Place it before ExtractPixels.", nameof(schema));
            OutputColumns = [new DataViewSchema.DetachedColumn(owner.OutputColumnName, _input.Type)];
        }

        public DataViewSchema.DetachedColumn[] OutputColumns { get; }

        public Delegate[] CreateGetters(DataViewRow input, Func<int, bool> activeOutput, out Action? disposer)
        {
            disposer = null;
            if (!activeOutput(0)) return [null!];
            var source = input.GetGetter<MLImage>(_input);
            MLImage image = null!;
            ValueGetter<MLImage> composite = (ref MLImage dst) =>
            {
                source(ref image);
                dst?.Dispose(); // as ML.NET's own image transforms: each value replaces the previous one
                dst = image is null ? null! : AlphaCompositing.OnBackground(image, _owner.Background);
            };
            return [composite];
        }

        public Func<int, bool> InputDependencies(Func<int, bool> activeOutput) => column => activeOutput(0) && column == _input.Index;
    }
}
