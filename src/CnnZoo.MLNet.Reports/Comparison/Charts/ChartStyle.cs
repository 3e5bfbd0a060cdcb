using OxyPlot;
using OxyPlot.Legends;

namespace CnnZoo.MLNet.Comparison;

/// <summary>The look every comparison chart shares.</summary>
internal static class ChartStyle
{
    public static readonly OxyColor Front = OxyColor.FromRgb(0xD6, 0x27, 0x28);
    public static readonly OxyColor Point = OxyColor.FromRgb(0x1F, 0x77, 0xB4);
    public static readonly OxyColor Grid = OxyColor.FromArgb(0x40, 0x80, 0x80, 0x80);

    /// <summary>A white-background model (PNGs are not transparent) with the given title.</summary>
    public static PlotModel NewModel(string title, string? subtitle = null) => new()
    {
        Title = title,
        Subtitle = subtitle,
        Background = OxyColors.White,
        PlotAreaBorderColor = OxyColors.Gray,
        DefaultFont = "DejaVu Sans",
        TitleFontSize = 15,
        SubtitleFontSize = 11,
    };

    /// <summary>A legend to the right of the plot area.</summary>
    public static Legend LegendOutsideRight() => new()
    {
        LegendPosition = LegendPosition.RightTop,
        LegendPlacement = LegendPlacement.Outside,
        LegendBorder = OxyColors.LightGray,
        LegendBackground = OxyColors.White,
        LegendFontSize = 11,
    };
}
