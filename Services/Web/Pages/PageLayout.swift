/// The frame of every page: head, navigation (Chinese first, English beside it), the live-status badge, and the
/// vendored script and style (served from `/assets`, no CDN).
public enum PageLayout {
    /// A complete page. `body` is trusted markup built by the page types (which escape every text they insert);
    /// `title` is escaped here.
    public static func page(title: String, active: String, body: String) -> String {
        func link(_ path: String, _ zh: String, _ en: String, _ key: String) -> String {
            "<a href=\"\(path)\"\(key == active ? " class=\"active\"" : "")>\(zh) <small>\(en)</small></a>"
        }
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) · 科创 Kechuang</title>
            <link rel="stylesheet" href="/assets/kechuang.css">
            <script src="/assets/live.js" defer></script>
            </head>
            <body>
            <header><span class="brand">科创 <small>Kechuang</small></span>
            <nav>\(link("/", "一屏通览", "Overview", "overview"))\(link("/lookup", "一键可查", "Lookup", "lookup"))\(link("/rankings", "排名", "Rankings", "rankings"))</nav>
            <form class="search" action="/lookup" method="get"><input name="q" type="search" placeholder="信用代码 / 名称 credit code or name" aria-label="查询 search"><button type="submit">查询 Search</button></form>
            <span id="live-status" class="live-status">连接中 connecting</span>
            </header>
            <main>
            \(body)
            </main>
            </body>
            </html>
            """
    }

    /// A page saying something went wrong (message escaped).
    public static func errorPage(title: String, message: String) -> String {
        page(title: title, active: "", body: "<h1>\(HTML.escape(title))</h1><p class=\"error\">\(HTML.escape(message))</p>")
    }
}
