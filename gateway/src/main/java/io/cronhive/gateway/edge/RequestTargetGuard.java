package io.cronhive.gateway.edge;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers a request whose target is not a URI (a lone {@code %}, {@code %zz}) with a 400 problem. Spring WebFlux
 * parses the target before any filter and, when it cannot, answers 400 with no body at all; this handler sits
 * right after Netty's HTTP codec, so it sees the request first. One instance per connection: it discards the
 * refused request's body and closes the connection.
 */
class RequestTargetGuard extends ChannelInboundHandlerAdapter {

	private boolean discarding;

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof HttpRequest request) {
			String field = malformedPart(request.uri());
			if (field != null) {
				this.discarding = !(msg instanceof LastHttpContent);
				ReferenceCountUtil.release(msg);
				ctx.writeAndFlush(problem(field)).addListener(ChannelFutureListener.CLOSE);
				return;
			}
		}
		else if (this.discarding && msg instanceof HttpContent) {
			this.discarding = !(msg instanceof LastHttpContent);
			ReferenceCountUtil.release(msg);
			return;
		}
		ctx.fireChannelRead(msg);
	}

	/** {@code "path"} or {@code "query"} when that part of the target is not valid URI syntax, else null. */
	static String malformedPart(String target) {
		if (parses(target)) {
			return null;
		}
		int query = target.indexOf('?');
		return (query >= 0 && parses(target.substring(0, query))) ? "query" : "path";
	}

	private static boolean parses(String target) {
		try {
			new URI(target);
			return true;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static FullHttpResponse problem(String field) {
		String json = "{\"type\":\"https://cronhive.io/problems/invalid-request\",\"title\":\"Invalid request\","
				+ "\"status\":400,\"detail\":\"" + field + ": is not a valid URI (a malformed percent-escape?)\","
				+ "\"errors\":[{\"field\":\"" + field + "\",\"message\":\"is not a valid URI (a malformed "
				+ "percent-escape?)\"}]}";
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
				Unpooled.wrappedBuffer(body));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
			.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		return response;
	}

}
