"""`dangwu kiosk --community SLUG`: serve the built site on 127.0.0.1 for the lobby screen.

The whole output folder is served (not only the kiosk) so the kiosk finds ``../manifest.json``
and sees a new release as soon as ``dangwu build`` swaps it in. Only 127.0.0.1: the screen's own browser is the
only client. Requests are not logged: the kiosk asks for the manifest every few minutes all day.
"""
from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"
BROWSER_FLAGS = ["--kiosk", "--noerrdialogs", "--disable-session-crashed-bubble", "--incognito",
                 "--disable-translate", "--no-first-run", "--disable-pinch", "--overscroll-history-navigation=0"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature of the base class
        pass


def kiosk_url(port: int, slug: str) -> str:
    return f"http://{HOST}:{port}/{slug}/kiosk/"


def browser_command(url: str) -> str:
    return " ".join(["chromium", *BROWSER_FLAGS, url])


def kiosk_server(out: Path, port: int) -> ThreadingHTTPServer:
    handler = functools.partial(QuietHandler, directory=str(out))
    return ThreadingHTTPServer((HOST, port), handler)


def missing_kiosk(out: Path, slug: str) -> str | None:
    """Why the kiosk cannot be served, in words for the clerk; None when it can."""
    if not (out / slug / "kiosk" / "index.html").is_file():
        return (f"{out / slug / 'kiosk' / 'index.html'} 不存在：请先运行 "
                f"dangwu build --community {slug} --out {out}，再运行 dangwu kiosk。")
    return None


def run_kiosk(args) -> int:
    problem = missing_kiosk(args.out, args.community)
    if problem:
        print(problem)
        return 1
    server = kiosk_server(args.out, args.port)
    url = kiosk_url(server.server_address[1], args.community)
    print(f"大屏地址：{url}", flush=True)
    print(f"全屏打开：{browser_command(url)}", flush=True)
    print("大屏会定时检查新版本：重新运行 dangwu build 后无需重启。Ctrl+C 退出。", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def register(sub, common=None) -> None:
    """Add ``dangwu kiosk``. ``common`` (data folder, --today) is not needed: it serves a built site."""
    kiosk = sub.add_parser("kiosk", help="在本机提供大屏页面，并给出全屏浏览器的启动命令")
    kiosk.add_argument("--community", required=True, metavar="SLUG", help="社区（文件夹名）")
    kiosk.add_argument("--port", type=int, default=8800, help="端口（默认 8800）")
    kiosk.add_argument("--out", type=Path, default=Path("site"), help="已生成的网站文件夹（默认 site/）")
    kiosk.set_defaults(run=run_kiosk)
