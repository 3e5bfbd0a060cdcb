using CnnZoo.MLNet;
using System.Globalization;
using CnnZoo.Cli.Rendering;
using CnnZoo.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace CnnZoo.Cli.Commands;

/// <summary>
/// <c>cnnzoo predict model.zip a.png b.jpg …</c>: the predicted label and the top classes with their probabilities for
/// each image file. Files are loaded, resized and converted to the model's input exactly as its training data was shaped.
/// </summary>
public sealed class PredictCommand : ICliCommand
{
    private sealed class FileRow
    {
        public string ImagePath { get; set; } = "";
        public string Label { get; set; } = ""; // unknown; the saved pipeline's MapValueToKey needs the column
    }

    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var modelPath = new Argument<string>("model") { Description = "A model zip saved by 'cnnzoo train'." };
        var images = new Argument<string[]>("images") { Description = "Image files (PNG, JPEG, BMP, GIF, WebP).", Arity = ArgumentArity.OneOrMore };
        var top = new Option<int>("--top", "-k") { Description = "Classes to show per image.", DefaultValueFactory = _ => 3 };
        var command = new Command("predict", "Predict the class of image files with a saved model.");
        command.Arguments.Add(modelPath);
        command.Arguments.Add(images);
        command.Options.Add(top);
        command.SetAction(parsed =>
        {
            var ml = new MLContext(1);
            using var loaded = LoadedModel.Load(ml, parsed.GetValue(modelPath)!);
            var files = parsed.GetValue(images)!.Select(Path.GetFullPath).ToArray();
            foreach (var missing in files.Where(f => !File.Exists(f))) throw new CliUsageException($"Image file '{missing}' does not exist.");
            var k = Math.Max(1, parsed.GetValue(top));

            var rows = ml.Data.LoadFromEnumerable(files.Select(f => new FileRow { ImagePath = f }));
            var scored = loaded.Model.Transform(ToModelInput(ml, loaded.Cnn.Input).Fit(rows).Transform(rows));
            var names = SlotNames(scored.Schema[loaded.Cnn.ScoreColumnName]);
            var table = new TabularData(new TabularColumn("image"), new TabularColumn("prediction"), new TabularColumn("probability", true), new TabularColumn($"top {k}"));
            using var cursor = scored.GetRowCursor(scored.Schema);
            var score = cursor.GetGetter<VBuffer<float>>(scored.Schema[loaded.Cnn.ScoreColumnName]);
            var values = default(VBuffer<float>);
            var i = 0;
            while (cursor.MoveNext())
            {
                score(ref values);
                var ranked = values.DenseValues().Select((p, c) => (p, c)).OrderByDescending(x => x.p).Take(k).ToArray();
                table.AddRow(Path.GetFileName(files[i++]), names[ranked[0].c], ranked[0].p.ToString("0.0000", CultureInfo.InvariantCulture),
                    string.Join(", ", ranked.Select(x => string.Create(CultureInfo.InvariantCulture, $"{names[x.c]} {x.p:0.000}"))));
            }
            TabularWriter.Write(context, table, OutputFormat.Table);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Image files → the model's feature column, shaped as in training (grey or RGB, resized, 0–255 planar).</summary>
    private static IEstimator<ITransformer> ToModelInput(MLContext ml, ImageColumnInfo input)
    {
        var column = input.Name;
        switch (input.Kind)
        {
            case ImageColumnKind.EncodedImage:
                return ml.Transforms.LoadRawImageBytes(column, null, nameof(FileRow.ImagePath));
            case ImageColumnKind.Image:
                // As `cnnzoo train` prepares image files for a network that takes an Image column: resized, on white.
                return ml.Transforms.LoadImages(column, null, nameof(FileRow.ImagePath)).Append(ml.Transforms.ResizeImages(column, input.Width, input.Height))
                    .Append(ml.Transforms.CnnZooCompositeOnBackground(column));
            default:
                const string image = "__CnnZooImage";
                IEstimator<ITransformer> pipeline = ml.Transforms.LoadImages(image, null, nameof(FileRow.ImagePath))
                    .Append(ml.Transforms.ResizeImages(image, input.Width, input.Height));
                if (input.Channels == 1) pipeline = pipeline.Append(ml.Transforms.ConvertToGrayscale(image));
                var colors = input.Channels == 1 ? ImagePixelExtractingEstimator.ColorBits.Red : ImagePixelExtractingEstimator.ColorBits.Rgb;
                return pipeline.Append(ml.Transforms.ExtractPixels(column, image, colorsToExtract: colors, interleavePixelColors: input.Interleaved,
                    outputAsFloatArray: input.Kind == ImageColumnKind.FloatPixels));
        }
    }

    private static string[] SlotNames(DataViewSchema.Column score)
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        score.GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }
}
