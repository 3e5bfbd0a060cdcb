// CnnZoo.MLNet alongside Microsoft.ML.TorchSharp in one app.
//
// This app references Microsoft.ML.TorchSharp 0.23.1 (ML.NET's NAS-BERT/RoBERTa/AutoFormer trainers), CnnZoo.MLNet
// and TorchSharp-cpu 0.107.0. NuGet resolves TorchSharp to 0.107.0 for both (Microsoft.ML.TorchSharp asks for
// >= 0.102.7), so the app restores, builds and trains with CnnZoo. Microsoft.ML.TorchSharp itself was compiled
// against TorchSharp 0.102.7 and calls TorchSharp members whose signatures 0.107 changed, so its trainers may fail
// with MissingMethodException when they run; this app therefore only touches its types and catalog methods (and
// creates one of its estimators) without fitting them. CnnZoo does not depend on Microsoft.ML.TorchSharp.
//
// Note for code inside a `namespace Microsoft.ML...` block: there the simple name `TorchSharp` binds to
// `Microsoft.ML.TorchSharp`; write `global::TorchSharp` (or keep such code outside that namespace, as here).
//
// Usage: dotnet run --project tests/CnnZoo.Coexistence [-- <fashion-mnist folder>]
// Prints a few "key: value" lines and exits with 0 when CnnZoo trained and scored above chance.
using CnnZoo.MLNet;
using CnnZoo.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using TorchSharp;

var folder = args.Length > 0 ? args[0] : null;
var ml = new MLContext(seed: 1);

// Microsoft.ML.TorchSharp: its catalog extension is visible next to CnnZoo's, its assembly loads.
Func<MulticlassClassificationCatalog.MulticlassClassificationTrainers, TextClassificationTrainer.TextClassificationOptions, TextClassificationTrainer> textClassification
    = TorchSharpCatalog.TextClassification;
var mlTorchSharp = typeof(TorchSharpCatalog).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
    .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().Select(a => a.InformationalVersion.Split('+')[0]).FirstOrDefault() ?? "?";
var compiledAgainst = typeof(TorchSharpCatalog).Assembly.GetReferencedAssemblies().First(a => a.Name == "TorchSharp");
Console.WriteLine($"Microsoft.ML.TorchSharp: {mlTorchSharp} (catalog method {textClassification.Method.Name}, compiled against TorchSharp {compiledAgainst.Version})");
Console.WriteLine($"TorchSharp loaded: {typeof(torch).Assembly.GetName().Version}");
try
{
    var estimator = ml.MulticlassClassification.Trainers.TextClassification(sentence1ColumnName: "Text", maxEpochs: 1);
    Console.WriteLine($"Microsoft.ML.TorchSharp estimator created: {estimator.GetType().Name} (not fitted)");
}
catch (Exception ex) when (ex is MissingMethodException or TypeLoadException or MissingFieldException)
{
    Console.WriteLine($"Microsoft.ML.TorchSharp estimator not created: {ex.GetType().Name}: {ex.Message}");
}

// CnnZoo: LeNet-5 on a few hundred Fashion-MNIST images, one epoch, then accuracy on held-out images.
var train = CnnZooData.LoadFashionMnist(ml, "train", folder, maxRows: 1000);
var test = CnnZooData.LoadFashionMnist(ml, "test", folder, maxRows: 500);
var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
    .Append(ml.MulticlassClassification.Trainers.Cnn("lenet5", epochs: 1, batchSize: 32));
using var model = pipeline.Fit(train);
var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
Console.WriteLine($"CnnZoo lenet5: trained 1 epoch on 1000 images, accuracy {metrics.MacroAccuracy:0.000} (macro) / {metrics.MicroAccuracy:0.000} (micro) on 500 test images");
return metrics.MicroAccuracy > 0.2 ? 0 : 1;
