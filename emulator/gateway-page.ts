import type { VendorReply } from "./vendor-reply";

/**
 * What a vendor's gateway (the load balancer in front of the API) answers when the service behind it fails:
 * an HTML error page with a 5xx status, not the vendor's JSON envelope. Clients must read it as a transport
 * failure with unknown effect.
 */
export function gatewayErrorPage(status = 502): VendorReply {
  const title =
    status === 504 ? "504 Gateway Time-out" : status === 503 ? "503 Service Unavailable" : "502 Bad Gateway";
  return {
    status,
    body:
      `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
      `<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
    contentType: "text/html",
    errorCode: `HTTP${status}`,
  };
}
