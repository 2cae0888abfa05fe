public enum PlaceholderR {}
