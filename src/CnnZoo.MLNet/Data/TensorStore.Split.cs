namespace CnnZoo.MLNet.Data;

public sealed partial class TensorStore
{
    /// <summary>
    /// Splits the images into a training and a validation store, stratified by class: from each class, a random
    /// <paramref name="validationFraction"/> (rounded) goes to validation. The same seed gives the same split.
    /// Both stores are copies that keep the original order; this store is unchanged (dispose it if no longer needed).
    /// </summary>
    /// <param name="validationFraction">Share of each class held out, in (0, 1).</param>
    /// <param name="seed">Seed of the random selection.</param>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is outside (0, 1).</exception>
    /// <exception cref="ArgumentException">The split would leave the training or the validation store empty.</exception>
    public (TensorStore Train, TensorStore Validation) Split(double validationFraction, int seed)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, $"validationFraction must be in (0, 1); got {validationFraction}.");
        var isValidation = ChooseValidation(validationFraction, seed);
        var validationCount = isValidation.Count(v => v);
        if (validationCount == 0 || validationCount == Count)
            throw new ArgumentException($"A validation fraction of {validationFraction} of {Count} images leaves {(validationCount == 0 ? "no validation" : "no training")} images; use more data or another fraction.", nameof(validationFraction));

        using var lease = AcquireReader();
        using var train = new TensorStoreBuilder(ChannelsHeightWidth);
        using var validation = new TensorStoreBuilder(ChannelsHeightWidth);
        var image = new byte[BytesPerImage];
        for (long i = 0; i < Count; i++)
        {
            CopyImageBytes(i, image);
            (isValidation[i] ? validation : train).AddRaw(image, PixelType, _labels[i]);
        }
        var trainStore = train.Build();
        try
        {
            return (trainStore, validation.Build());
        }
        catch
        {
            trainStore.Dispose();
            throw;
        }
    }

    private bool[] ChooseValidation(double validationFraction, int seed)
    {
        // System.Random with a seed is a fixed algorithm, so a split is stable across runs and platforms.
        var random = new Random(seed);
        var isValidation = new bool[Count];
        foreach (var members in Enumerable.Range(0, (int)Count).GroupBy(i => _labels[i]).OrderBy(g => g.Key))
        {
            var indices = members.ToArray();
            random.Shuffle(indices);
            var take = (int)Math.Round(indices.Length * validationFraction, MidpointRounding.AwayFromZero);
            foreach (var index in indices.AsSpan(0, take)) isValidation[index] = true;
        }
        return isValidation;
    }
}
